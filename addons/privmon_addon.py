"""privmon as a mitmproxy script: mitmdump -s addons/privmon_addon.py --set privmon_db=lab.db"""

from monitor.live.addon import PrivmonAddon

addons = [PrivmonAddon()]
