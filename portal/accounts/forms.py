from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The second step of signing in: a code from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class EnrolForm(forms.Form):
    """Confirms a newly added authenticator app by the code it shows."""

    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 10}
        ),
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the user's password again before switching two-step verification off.

    The password goes through authenticate(), so wrong guesses count towards the lockout.
    """

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        if authenticate(self.request, username=user.get_username(), password=password) is None:
            raise forms.ValidationError(_("This password is not right."), code="invalid_password")
        return password
