"""The script that keeps the site out of sight after the quick exit, and its CSP hash.

The quick exit (website/static/website/js/quick-exit.js) replaces the current page with a
neutral site, but the pages visited before it stay in the tab's history: one press of Back
would show them again to whoever took the phone. So every page starts with this script,
which runs before anything is painted. When the page is reached by Back or Forward while
the tab has left with the quick exit, it hides itself and replaces itself with the neutral
site too; a page the browser keeps in its back/forward cache does the same when restored.
Any deliberate visit (a link, a typed address, a reload) ends that state.

It is inline because an external file would cost a blocking request on every first visit.
The Content-Security-Policy allows exactly this text by its hash, so pages kept by the page
cache stay valid and no other inline script can run.
"""

import base64
import hashlib

from django.utils.safestring import mark_safe

# sessionStorage belongs to one tab and this site alone, as the history does; the value is
# the neutral site's address, so this script need not know it.
STORAGE_KEY = "signaal-quick-exit"

SCRIPT = (
    "(function(){"
    f'var key="{STORAGE_KEY}",root=document.documentElement;'
    "function target(){try{return sessionStorage.getItem(key)}catch(e){return null}}"
    'function away(url){root.style.visibility="hidden";document.title="";location.replace(url)}'
    'var entry=performance.getEntriesByType&&performance.getEntriesByType("navigation")[0];'
    "var url=target();"
    'if(url&&entry&&entry.type==="back_forward"){away(url)}'
    "else if(url){try{sessionStorage.removeItem(key)}catch(e){}}"
    'addEventListener("pagehide",function(e){if(e.persisted){root.style.visibility="hidden"}});'
    'addEventListener("pageshow",function(e){if(!e.persisted){return}'
    'var url=target();if(url){away(url)}else{root.style.visibility=""}});'
    "})();"
)

_DIGEST = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
SCRIPT_HASH = f"'sha256-{_DIGEST}'"

SCRIPT_TAG = mark_safe(f"<script>{SCRIPT}</script>")  # noqa: S308 - fixed text, no input
