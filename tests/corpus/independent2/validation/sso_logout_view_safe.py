"""Single sign-out endpoint shared by the partner portals."""
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View


class SingleSignOutView(View):
    """Log the user out, then bounce them back to the portal they came from.

    Portals link here as /sso/logout/?return_to=<url>.
    """

    http_method_names = ["get", "post"]

    def get(self, request):
        return self._logout_and_return(request)

    def post(self, request):
        return self._logout_and_return(request)

    def _logout_and_return(self, request):
        return_to = request.GET.get("return_to") or request.POST.get("return_to")
        logout(request)
        allowed_hosts = {request.get_host(), *settings.PARTNER_PORTAL_HOSTS}
        if not return_to or not url_has_allowed_host_and_scheme(
            return_to, allowed_hosts=allowed_hosts, require_https=request.is_secure()
        ):
            return_to = reverse("portal:home")
        return HttpResponseRedirect(return_to)
