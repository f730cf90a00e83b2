"""Recirc settings: every value comes from the environment; see .env.example."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from recirc.config.env import env_bool, env_int, env_json, env_list, env_str, require_in_production

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env_str("RECIRC_HOME", str(Path.cwd())))
DATA_DIR = Path(env_str("RECIRC_DATA_DIR", str(BASE_DIR / "var")))

RECIRC_ENV = env_str("RECIRC_ENV", "development")
PRODUCTION = RECIRC_ENV == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

DEV_SECRET_KEY = "recirc-development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = require_in_production(PRODUCTION, "SECRET_KEY", env_str("SECRET_KEY"), DEV_SECRET_KEY)

# The PII vault: "keyid:base64key" pairs, comma-separated; the active key encrypts new values.
DEV_VAULT_KEYS = "dev1:ZGV2ZWxvcG1lbnQtb25seS12YXVsdC1rZXktMzJieXQ="
VAULT_KEYS = require_in_production(PRODUCTION, "RECIRC_VAULT_KEYS", env_str("RECIRC_VAULT_KEYS"), DEV_VAULT_KEYS)
VAULT_ACTIVE_KEY_ID = env_str("RECIRC_VAULT_ACTIVE_KEY", VAULT_KEYS.split(",")[0].split(":")[0])
DEV_BLIND_INDEX_KEY = "development-only-blind-index-key"
VAULT_BLIND_INDEX_KEY = require_in_production(
    PRODUCTION, "RECIRC_BLIND_INDEX_KEY", env_str("RECIRC_BLIND_INDEX_KEY"), DEV_BLIND_INDEX_KEY
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production. See .env.example.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "recirc.core",
    "recirc.privacy",
    "recirc.accounts",
    "recirc.operators",
    "recirc.catalog",
    "recirc.valuation",
    "recirc.items",
    "recirc.policing",
    "recirc.acquisitions",
    "recirc.inspection",
    "recirc.erasure",
    "recirc.repairs",
    "recirc.listings",
    "recirc.moderation",
    "recirc.trade",
    "recirc.auctions",
    "recirc.aftersales",
    "recirc.supervision",
    "recirc.portal",
    "recirc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "recirc.core.http.DomainErrorMiddleware",
]

ROOT_URLCONF = "recirc.config.urls"
WSGI_APPLICATION = "recirc.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "recirc.core.context_processors.navigation",
            ],
        },
    }
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise expects STATIC_ROOT to exist
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'recirc.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; IMMEDIATE avoids lock upgrades that deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("RECIRC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("RECIRC_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password", "id_number"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background work: eager in the embedded default, a real broker in production (ADR 0002).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
# The semantic screening pass (sentence model, ~140 MB) runs in a Celery worker after commit, never in a web
# request: on by default when a broker runs tasks elsewhere, off when tasks run eagerly in the caller (ADR 0012).
RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT = env_bool("RECIRC_SCREENING_SEMANTIC_AFTER_COMMIT",
                                                  default=not CELERY_TASK_ALWAYS_EAGER)
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs, run by `recirc worker` (Celery beat inside the worker) or a separate beat in production.
CELERY_BEAT_SCHEDULE = {
    "release-expired-holds": {"task": "items.holds_expire_due", "schedule": 300.0},
    "supervision-refresh-rollups": {"task": "supervision.rollups_refresh", "schedule": 900.0},
    "trade-escrow-release-due": {"task": "trade.escrow_release_due", "schedule": 900.0},
    "trade-checkouts-expire-due": {"task": "trade.checkouts_expire_due", "schedule": 300.0},
    "supervision-trade-sales-pull": {"task": "supervision.trade_sales_pull", "schedule": 600.0},
    "moderation-rules-into-force": {"task": "moderation.rules_bring_into_force", "schedule": 300.0},
    "aftersales-warranties-sync": {"task": "aftersales.warranties_sync", "schedule": 300.0},
    "aftersales-deadlines-check": {"task": "aftersales.deadlines_check", "schedule": 900.0},
    "moderation-complaints-escalate-overdue": {"task": "moderation.complaints_escalate_overdue",
                                               "schedule": 900.0},
    "auctions-close-due": {"task": "auctions.close_due", "schedule": 5.0},  # closing is due to the second
    "erasure-monthly-samples": {"task": "erasure.samples_draw",
                                "schedule": crontab(minute=30, hour=2, day_of_month=1)},
}

# Security: strict in production, relaxed for the local demo.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "recirc.privacy.logging.MaskPiiFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_pii"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Jurisdiction-dependent policy values (REGULATIONS.md): settings, never constants.
RECIRC_POLICY = {
    "REALNAME_REVERIFY_DAYS": env_int("RECIRC_REALNAME_REVERIFY_DAYS", 180),
    "MINIMUM_AGE_TO_SELL": env_int("RECIRC_MINIMUM_AGE_TO_SELL", 18),
    # Acquisition register (REGULATIONS.md section 1 and 2).
    "BACK_ENTRY_HOURS": env_int("RECIRC_BACK_ENTRY_HOURS", 24),
    "LOW_VALUE_ID_EXEMPTION_YUAN": env_int("RECIRC_LOW_VALUE_ID_EXEMPTION_YUAN", 0),
    "MINIMUM_SELLER_AGE_REFUSE": env_bool("RECIRC_MINIMUM_SELLER_AGE_REFUSE", False),
    "STATUTORY_HOLD_DAYS": env_json("RECIRC_STATUTORY_HOLD_DAYS", {
        "mobile-phones": 7, "tablets": 7, "laptops": 7, "desktop-computers": 7}),
    "REGISTER_RETENTION_YEARS": env_int("RECIRC_REGISTER_RETENTION_YEARS", 3),
    "POLICE_HOLD_MAX_DAYS": env_int("RECIRC_POLICE_HOLD_MAX_DAYS", 30),
    # Stolen-goods control: matching thresholds (0-100 scores), suspicion rules, retroactive window.
    "FUZZY_MATCH_THRESHOLD": env_int("RECIRC_FUZZY_MATCH_THRESHOLD", 80),
    "FUZZY_HOLD_THRESHOLD": env_int("RECIRC_FUZZY_HOLD_THRESHOLD", 95),
    "FUZZY_MAX_CHANCE": env_str("RECIRC_FUZZY_MAX_CHANCE", "0.02"),
    "PRICE_BELOW_VALUE_RATIO": env_str("RECIRC_PRICE_BELOW_VALUE_RATIO", "0.5"),
    "REPEAT_SELLER_DAYS": env_int("RECIRC_REPEAT_SELLER_DAYS", 30),
    "REPEAT_SELLER_ITEMS": env_int("RECIRC_REPEAT_SELLER_ITEMS", 3),
    "RETROACTIVE_MATCH_DAYS": env_int("RECIRC_RETROACTIVE_MATCH_DAYS", 1095),
    "WATCHLIST_IMPORT_MAX_ROWS": env_int("RECIRC_WATCHLIST_IMPORT_MAX_ROWS", 100_000),
    # The police gateway (signed webhook); empty URL = the in-app alert queue only.
    "POLICE_WEBHOOK_URL": env_str("RECIRC_POLICE_WEBHOOK_URL", ""),
    "POLICE_WEBHOOK_SECRET": env_str("RECIRC_POLICE_WEBHOOK_SECRET", ""),
    "POLICE_WEBHOOK_TIMEOUT_SECONDS": env_int("RECIRC_POLICE_WEBHOOK_TIMEOUT_SECONDS", 5),
    "POLICE_WEBHOOK_MAX_RETRIES": env_int("RECIRC_POLICE_WEBHOOK_MAX_RETRIES", 5),
    # Device data erasure (REGULATIONS.md section 5): the share of each month's certificates re-verified by
    # someone who did not erase them (R2v3: at least 5 %), and the consent text version shown to owners.
    "ERASURE_REVERIFY_SHARE": env_str("RECIRC_ERASURE_REVERIFY_SHARE", "0.05"),
    "ERASURE_CONSENT_TEXT_VERSION": env_str("RECIRC_ERASURE_CONSENT_TEXT_VERSION", "2026-01"),
    # Moderation (issue 7): each takedown that stands is a strike on its seller; this many strikes within the window
    # suspend the seller from publishing for the given days (a moderator may lift it early).
    "MODERATION_STRIKES_TO_SUSPEND": env_int("RECIRC_MODERATION_STRIKES_TO_SUSPEND", 3),
    "MODERATION_STRIKE_WINDOW_DAYS": env_int("RECIRC_MODERATION_STRIKE_WINDOW_DAYS", 180),
    "MODERATION_SUSPENSION_DAYS": env_int("RECIRC_MODERATION_SUSPENSION_DAYS", 30),
    # Complaints: the seller answers within this many days, else market supervision takes the complaint over
    # (E-commerce Law Art. 59 asks for prompt handling and names no number; 7 days follows the 12315 ODR
    # practice of 7 working days for an enterprise's answer) [U]. Evidence: size per file and files per complaint.
    "COMPLAINT_ANSWER_DAYS": env_int("RECIRC_COMPLAINT_ANSWER_DAYS", 7),
    "COMPLAINT_EVIDENCE_MAX_BYTES": env_int("RECIRC_COMPLAINT_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024),
    "COMPLAINT_EVIDENCE_MAX_FILES": env_int("RECIRC_COMPLAINT_EVIDENCE_MAX_FILES", 10),
    # Seller verification (REGULATIONS.md section 3): merchants' identity and licence re-checked at least this
    # often [U]; once a re-check is this many days overdue their listings cannot be published (0: never refuse).
    "MERCHANT_RECHECK_DAYS": env_int("RECIRC_MERCHANT_RECHECK_DAYS", 180),
    "MERCHANT_RECHECK_GRACE_DAYS": env_int("RECIRC_MERCHANT_RECHECK_GRACE_DAYS", 30),
    # Natural persons selling more than this a calendar year are flagged for business registration (SAMR 2025).
    "NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN": env_int("RECIRC_NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN",
                                                          100_000),
}
if PRODUCTION and RECIRC_POLICY["POLICE_WEBHOOK_URL"] and not RECIRC_POLICY["POLICE_WEBHOOK_SECRET"]:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("RECIRC_POLICE_WEBHOOK_SECRET must be set when RECIRC_POLICE_WEBHOOK_URL is.")
# E-commerce Law Art. 34: changed transaction rules are published at least this many days before they apply.
RECIRC_RULES_NOTICE_DAYS = env_int("RECIRC_RULES_NOTICE_DAYS", 7)
RECIRC_RULES_CONSULTATION_DAYS = env_int("RECIRC_RULES_CONSULTATION_DAYS", 7)  # [U] shortest public consultation
# 7-day no-reason return for online sales [P]: listings refuses a shorter window, after-sales applies it.
RECIRC_NO_REASON_RETURN_DAYS = env_int("RECIRC_NO_REASON_RETURN_DAYS", 7)
# A dealer's warranty on used goods, at least (MOFCOM draft rules on used electronics: 3 months).
RECIRC_WARRANTY_MIN_DAYS = env_int("RECIRC_WARRANTY_MIN_DAYS", 90)
RECIRC_PHOTO_MAX_BYTES = env_int("RECIRC_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# Near-real-time search (as Elasticsearch's 1 s refresh): a search's window (matching ids, count, facets) is reused
# for up to this many seconds per worker; the cards are always read live. 0: every search asks the database.
RECIRC_SEARCH_FRESH_SECONDS = env_int("RECIRC_SEARCH_FRESH_SECONDS", 2)
RECIRC_CITY_NAME = env_str("RECIRC_CITY_NAME", "")
API_PAGE_SIZE = env_int("RECIRC_API_PAGE_SIZE", 20)
