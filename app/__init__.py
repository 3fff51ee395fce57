"""Cardwise: design package-insert cards that stay inside marketplace rules."""
__version__ = "0.1.0"
#: the name shown to people (window title, bundle, installers)
APP_NAME = "Cardwise"
#: the reverse-DNS application id (desktop file, AppStream, macOS bundle id, StartupWMClass)
APP_ID = "com.cardwise.Cardwise"
