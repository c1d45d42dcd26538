"""Account settings: change the login email address."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.forms import EmailChangeForm
from accounts.tasks import send_email_changed_notice


@login_required
def change_email(request):
    """Show the form on GET; update the email on a valid POST."""
    if request.method == "POST":
        form = EmailChangeForm(request.POST, instance=request.user)
        if form.is_valid():
            old_email = request.user.email
            form.save()
            send_email_changed_notice.delay(request.user.pk, old_email)
            messages.success(request, "Your email address has been updated.")
            return redirect("accounts:settings")
    else:
        form = EmailChangeForm(instance=request.user)
    return render(request, "accounts/change_email.html", {"form": form})
