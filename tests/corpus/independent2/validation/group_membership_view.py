"""Internal API: which LDAP groups does a given email address belong to?"""
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from ldap3 import ALL, SUBTREE, Connection, Server


def _connect():
    server = Server(settings.LDAP_SERVER_URI, use_ssl=True, get_info=ALL)
    return Connection(
        server,
        user=settings.LDAP_BIND_DN,
        password=settings.LDAP_BIND_PASSWORD,
        auto_bind=True,
    )


@permission_required("accounts.view_directory", raise_exception=True)
def group_membership(request):
    email = request.GET.get("email", "")
    if "@" not in email:
        return JsonResponse({"error": "email is required"}, status=400)

    search_filter = "(&(objectClass=groupOfNames)(member=*)(mail=" + email + "))"
    with _connect() as conn:
        conn.search(
            search_base=settings.LDAP_GROUP_BASE_DN,
            search_filter=search_filter,
            search_scope=SUBTREE,
            attributes=["cn", "description"],
            size_limit=200,
        )
        groups = [
            {"name": str(entry.cn), "description": str(entry.description)}
            for entry in conn.entries
        ]
    return JsonResponse({"email": email, "groups": groups})
