from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coaction.accounts"
    label = "accounts"
