"""Classic cross-site scripting and template-injection payloads (each ≤ 120 characters: they fit every column)."""

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "{{7*7}}",
    "{{ config.SECRET_KEY }}",
    "${7*7}#{7*7}<%= 7*7 %>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)' x='",
    '" onfocus="alert(1)" autofocus="',
    '" style="background:url(javascript:alert(1))',
    '<a href="javascript:alert(1)">clic</a>',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "]]><script>alert(1)</script><![CDATA[",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # fullwidth angle brackets
    "\u202e<script>alert(1)</script>",  # right-to-left override
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",  # JSON-style escapes as text
    "jav&#x09;ascript:alert(1)",
    "<base href=\"https://evil.example/\">",
]

# Where a website field must not lead: refused by the form.
BAD_WEBSITES = ["javascript:alert(1)", "javascript://example.com/%0Aalert(1)", "JaVaScRiPt://x.example.org/%0dalert(1)",
                "data://text.example.org/html,x", "vbscript://example.org/x", "ftp://example.org/fichier"]
