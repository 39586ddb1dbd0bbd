"""privmon as a mitmproxy script:

    mitmdump --listen-host 127.0.0.1 -s addons/privmon_addon.py --set privmon_db=lab.db

Without --listen-host mitmdump listens on every interface; the addon then warns at start unless
--set privmon_allow_client=CIDR limits the clients.
"""

from monitor.live.addon import PrivmonAddon

addons = [PrivmonAddon()]
