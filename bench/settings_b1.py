"""Settings of the B1 server: the project's own settings (production when RECIRC_ENV=production), with one more
URL, the plain view of the BL-http baseline, so that the baseline is served by exactly the same process,
middleware and server configuration as the endpoints it is compared with. Production URLs do not change."""

from recirc.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_b1"
