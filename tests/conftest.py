"""Shared test set-up: Qt runs offscreen; nothing here touches the user's real settings."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("CARDWISE_NO_NETWORK", "1")
