#!/usr/bin/env python3
"""Build the blind evaluation sets (tests/checks/data/blind/*_b1.jsonl ... *_b70.jsonl) from src/*.txt.

Source format (one file per set, src/<lang>_<batch>.txt):

    === note explaining the labels (for clean cards: why clean)
    first line of the card with {{a marked phrase|RP}} ...
    second line, {{outer phrase with {{inner|OC}} nested|DC}}

Every card starts with a line beginning with "===" followed by its note.
The card text is every following line up to the next "===" line (trailing
blank lines dropped, lines joined with "\\n"). Ids are given in order:
b1en-001, b1en-002, ... (batch 2: b2en-001, ...; batch 3: b3en-001, ...; batch 4: b4en-001, ...;
batch 5: b5en-001, ...; batch 6: b6en-001, ...; batch 7: b7en-001, ...; batch 8: b8en-001, ...; batch 9: b9en-001, ...; batch 10: b10en-001, ...; batch 11: b11en-001, ...; batch 12: b12en-001, ...; batch 13: b13en-001, ...; batch 14: b14en-001, ...; batch 15: b15en-001, ...; batch 16: b16en-001, ...; batch 17: b17en-001, ...; batch 18: b18en-001, ...; batch 19: b19en-001, ...; batch 20: b20en-001, ...; batch 21: b21en-001, ...; batch 22: b22en-001, ...; batch 23: b23en-001, ...; batch 24: b24en-001, ...; batch 25: b25en-001, ...; batch 26: b26en-001, ...; batch 27: b27en-001, ...; batch 28: b28en-001, ...; batch 29: b29en-001, ...; batch 30: b30en-001, ...; batch 31: b31en-001, ...; batch 32: b32en-001, ...; batch 33: b33en-001, ...; batch 34: b34en-001, ...; batch 35: b35en-001, ...; batch 36: b36en-001, ...; batch 37: b37en-001, ...; batch 38: b38en-001, ...; batch 39: b39en-001, ...; batch 40: b40en-001, ...; batch 41: b41en-001, ...; batch 42: b42en-001, ...; batch 43: b43en-001, ...; batch 44: b44en-001, ...; batch 45: b45en-001, ...; batch 46: b46en-001, ...; batch 47: b47en-001, ...; batch 48: b48en-001, ...; batch 49: b49en-001, ...; batch 50: b50en-001, ...; batch 51: b51en-001, ...; batch 52: b52en-001, ...; batch 53: b53en-001, ...; batch 54: b54en-001, ...; batch 55: b55en-001, ...; batch 56: b56en-001, ...; batch 57: b57en-001, ...; batch 58: b58en-001, ...; batch 59: b59en-001, ...; batch 60: b60en-001, ...; batch 61: b61en-001, ...; batch 62: b62en-001, ...; batch 63: b63en-001, ...; batch 64: b64en-001, ...; batch 65: b65en-001, ...; batch 66: b66en-001, ...; batches 67–69, German only: b67de-001, ...; batch 70: b70en-001, ...)

Markup: {{phrase|CODES}} where CODES is a comma-separated list of short codes
(RI RP RG RR OD DC OC EL MK TM). Marks may nest; each mark becomes one span
per code covering exactly the phrase (without the markup). The same phrase can
therefore carry several categories ("{{WhatsApp group|DC,OC}}").

Flags at the start of a note:
    !qr-device   the card mentions a QR code printed on the device itself (a
                 pairing label), which is not a link on the card.
    !qr-amazon   the card's QR code leads to an Amazon page (the buyer stays on
                 the marketplace), so it is not an external link.

Amazon's own domains (amazon.com/.de/.fr/.es/.it/.co.jp/.co.uk and the other stores:
.ca, .com.mx, .com.au, .in, .ie, .sg, .ae, .nl, .se, .pl, .com.be …) keep the buyer
on the marketplace: they need no external-link span.

The script validates (category ids, spans minimal and sorted, labels == span
categories, every e-mail/phone/messenger id covered by offsite-contact, every
URL/QR covered by external-link, a handle by external-link or (a messenger id) offsite-contact, unique ids, no near-duplicate texts
(normalised-token Jaccard, character bigrams for Japanese) across the sets
(> 0.8 within a batch; > 0.4 between cards of any two different batches,
b1–b70, since every later batch is written in new wording), or against the development corpora the rule authors
have read (> 0.4),
clean share >= 35 % (>= 45 % from batch 5 on), all ten categories per set), writes the jsonl files and
prints the counts per set.

Usage:
    python tests/checks/data/blind/build.py            # write the jsonl, print counts
    python tests/checks/data/blind/build.py --check    # fail if a jsonl is stale or invalid
    python tests/checks/data/blind/build.py --dev DIR  # dev corpora for the near-duplicate check
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
DEFAULT_DEV = Path("/work/shared/compliance")

CATEGORIES = [
    "review-incentive",
    "review-positive",
    "review-gating",
    "review-removal",
    "offsite-diversion",
    "data-collection",
    "offsite-contact",
    "external-link",
    "marketing",
    "marketplace-trademark",
]
CODES = dict(zip(["RI", "RP", "RG", "RR", "OD", "DC", "OC", "EL", "MK", "TM"], CATEGORIES))
OC, EL = "offsite-contact", "external-link"

# Set name -> (language, id prefix). Order = order of writing.
SETS = {
    "en_b1": ("en", "b1en"),
    "ja_b1": ("ja", "b1ja"),
    "de_b1": ("de", "b1de"),
    "fr_b1": ("fr", "b1fr"),
    "es_b1": ("es", "b1es"),
    "it_b1": ("it", "b1it"),
    "en_b2": ("en", "b2en"),
    "de_b2": ("de", "b2de"),
    "fr_b2": ("fr", "b2fr"),
    "es_b2": ("es", "b2es"),
    "it_b2": ("it", "b2it"),
    "ja_b2": ("ja", "b2ja"),
    "en_b3": ("en", "b3en"),
    "de_b3": ("de", "b3de"),
    "fr_b3": ("fr", "b3fr"),
    "es_b3": ("es", "b3es"),
    "it_b3": ("it", "b3it"),
    "ja_b3": ("ja", "b3ja"),
    "en_b4": ("en", "b4en"),
    "ja_b4": ("ja", "b4ja"),
    "de_b4": ("de", "b4de"),
    "fr_b4": ("fr", "b4fr"),
    "es_b4": ("es", "b4es"),
    "it_b4": ("it", "b4it"),
    "en_b5": ("en", "b5en"),
    "de_b5": ("de", "b5de"),
    "fr_b5": ("fr", "b5fr"),
    "es_b5": ("es", "b5es"),
    "it_b5": ("it", "b5it"),
    "ja_b5": ("ja", "b5ja"),
    "en_b6": ("en", "b6en"),
    "de_b6": ("de", "b6de"),
    "fr_b6": ("fr", "b6fr"),
    "es_b6": ("es", "b6es"),
    "it_b6": ("it", "b6it"),
    "ja_b6": ("ja", "b6ja"),
    "en_b7": ("en", "b7en"),
    "de_b7": ("de", "b7de"),
    "fr_b7": ("fr", "b7fr"),
    "es_b7": ("es", "b7es"),
    "it_b7": ("it", "b7it"),
    "ja_b7": ("ja", "b7ja"),
    "en_b8": ("en", "b8en"),
    "de_b8": ("de", "b8de"),
    "fr_b8": ("fr", "b8fr"),
    "es_b8": ("es", "b8es"),
    "it_b8": ("it", "b8it"),
    "ja_b8": ("ja", "b8ja"),
    "en_b9": ("en", "b9en"),
    "de_b9": ("de", "b9de"),
    "fr_b9": ("fr", "b9fr"),
    "es_b9": ("es", "b9es"),
    "it_b9": ("it", "b9it"),
    "ja_b9": ("ja", "b9ja"),
    "en_b10": ("en", "b10en"),
    "de_b10": ("de", "b10de"),
    "fr_b10": ("fr", "b10fr"),
    "es_b10": ("es", "b10es"),
    "it_b10": ("it", "b10it"),
    "ja_b10": ("ja", "b10ja"),
    "en_b11": ("en", "b11en"),
    "de_b11": ("de", "b11de"),
    "fr_b11": ("fr", "b11fr"),
    "es_b11": ("es", "b11es"),
    "it_b11": ("it", "b11it"),
    "ja_b11": ("ja", "b11ja"),
    "en_b12": ("en", "b12en"),
    "de_b12": ("de", "b12de"),
    "fr_b12": ("fr", "b12fr"),
    "es_b12": ("es", "b12es"),
    "it_b12": ("it", "b12it"),
    "ja_b12": ("ja", "b12ja"),
    "en_b13": ("en", "b13en"),
    "de_b13": ("de", "b13de"),
    "fr_b13": ("fr", "b13fr"),
    "es_b13": ("es", "b13es"),
    "it_b13": ("it", "b13it"),
    "ja_b13": ("ja", "b13ja"),
    "en_b14": ("en", "b14en"),
    "de_b14": ("de", "b14de"),
    "fr_b14": ("fr", "b14fr"),
    "es_b14": ("es", "b14es"),
    "it_b14": ("it", "b14it"),
    "ja_b14": ("ja", "b14ja"),
    "en_b15": ("en", "b15en"),
    "de_b15": ("de", "b15de"),
    "fr_b15": ("fr", "b15fr"),
    "es_b15": ("es", "b15es"),
    "it_b15": ("it", "b15it"),
    "ja_b15": ("ja", "b15ja"),
    "en_b16": ("en", "b16en"),
    "de_b16": ("de", "b16de"),
    "fr_b16": ("fr", "b16fr"),
    "es_b16": ("es", "b16es"),
    "it_b16": ("it", "b16it"),
    "ja_b16": ("ja", "b16ja"),
    "en_b17": ("en", "b17en"),
    "de_b17": ("de", "b17de"),
    "fr_b17": ("fr", "b17fr"),
    "es_b17": ("es", "b17es"),
    "it_b17": ("it", "b17it"),
    "ja_b17": ("ja", "b17ja"),
    "en_b18": ("en", "b18en"),
    "de_b18": ("de", "b18de"),
    "fr_b18": ("fr", "b18fr"),
    "es_b18": ("es", "b18es"),
    "it_b18": ("it", "b18it"),
    "ja_b18": ("ja", "b18ja"),
    "en_b19": ("en", "b19en"),
    "de_b19": ("de", "b19de"),
    "fr_b19": ("fr", "b19fr"),
    "es_b19": ("es", "b19es"),
    "it_b19": ("it", "b19it"),
    "ja_b19": ("ja", "b19ja"),
    "en_b20": ("en", "b20en"),
    "de_b20": ("de", "b20de"),
    "fr_b20": ("fr", "b20fr"),
    "es_b20": ("es", "b20es"),
    "it_b20": ("it", "b20it"),
    "ja_b20": ("ja", "b20ja"),
    "en_b21": ("en", "b21en"),
    "de_b21": ("de", "b21de"),
    "fr_b21": ("fr", "b21fr"),
    "es_b21": ("es", "b21es"),
    "it_b21": ("it", "b21it"),
    "ja_b21": ("ja", "b21ja"),
    "en_b22": ("en", "b22en"),
    "de_b22": ("de", "b22de"),
    "fr_b22": ("fr", "b22fr"),
    "es_b22": ("es", "b22es"),
    "it_b22": ("it", "b22it"),
    "ja_b22": ("ja", "b22ja"),
    "en_b23": ("en", "b23en"),
    "de_b23": ("de", "b23de"),
    "fr_b23": ("fr", "b23fr"),
    "es_b23": ("es", "b23es"),
    "it_b23": ("it", "b23it"),
    "ja_b23": ("ja", "b23ja"),
    "en_b24": ("en", "b24en"),
    "de_b24": ("de", "b24de"),
    "fr_b24": ("fr", "b24fr"),
    "es_b24": ("es", "b24es"),
    "it_b24": ("it", "b24it"),
    "ja_b24": ("ja", "b24ja"),
    "en_b25": ("en", "b25en"),
    "de_b25": ("de", "b25de"),
    "fr_b25": ("fr", "b25fr"),
    "es_b25": ("es", "b25es"),
    "it_b25": ("it", "b25it"),
    "ja_b25": ("ja", "b25ja"),
    "en_b26": ("en", "b26en"),
    "de_b26": ("de", "b26de"),
    "fr_b26": ("fr", "b26fr"),
    "es_b26": ("es", "b26es"),
    "it_b26": ("it", "b26it"),
    "ja_b26": ("ja", "b26ja"),
    "en_b27": ("en", "b27en"),
    "de_b27": ("de", "b27de"),
    "fr_b27": ("fr", "b27fr"),
    "es_b27": ("es", "b27es"),
    "it_b27": ("it", "b27it"),
    "ja_b27": ("ja", "b27ja"),
    "en_b28": ("en", "b28en"),
    "de_b28": ("de", "b28de"),
    "fr_b28": ("fr", "b28fr"),
    "es_b28": ("es", "b28es"),
    "it_b28": ("it", "b28it"),
    "ja_b28": ("ja", "b28ja"),
    "en_b29": ("en", "b29en"),
    "de_b29": ("de", "b29de"),
    "fr_b29": ("fr", "b29fr"),
    "es_b29": ("es", "b29es"),
    "it_b29": ("it", "b29it"),
    "ja_b29": ("ja", "b29ja"),
    "en_b30": ("en", "b30en"),
    "de_b30": ("de", "b30de"),
    "fr_b30": ("fr", "b30fr"),
    "es_b30": ("es", "b30es"),
    "it_b30": ("it", "b30it"),
    "ja_b30": ("ja", "b30ja"),
    "en_b31": ("en", "b31en"),
    "de_b31": ("de", "b31de"),
    "fr_b31": ("fr", "b31fr"),
    "es_b31": ("es", "b31es"),
    "it_b31": ("it", "b31it"),
    "ja_b31": ("ja", "b31ja"),
    "en_b32": ("en", "b32en"),
    "de_b32": ("de", "b32de"),
    "fr_b32": ("fr", "b32fr"),
    "es_b32": ("es", "b32es"),
    "it_b32": ("it", "b32it"),
    "ja_b32": ("ja", "b32ja"),
    "en_b33": ("en", "b33en"),
    "de_b33": ("de", "b33de"),
    "fr_b33": ("fr", "b33fr"),
    "es_b33": ("es", "b33es"),
    "it_b33": ("it", "b33it"),
    "ja_b33": ("ja", "b33ja"),
    "en_b34": ("en", "b34en"),
    "de_b34": ("de", "b34de"),
    "fr_b34": ("fr", "b34fr"),
    "es_b34": ("es", "b34es"),
    "it_b34": ("it", "b34it"),
    "ja_b34": ("ja", "b34ja"),
    "en_b35": ("en", "b35en"),
    "de_b35": ("de", "b35de"),
    "fr_b35": ("fr", "b35fr"),
    "es_b35": ("es", "b35es"),
    "it_b35": ("it", "b35it"),
    "ja_b35": ("ja", "b35ja"),
    "en_b36": ("en", "b36en"),
    "de_b36": ("de", "b36de"),
    "fr_b36": ("fr", "b36fr"),
    "es_b36": ("es", "b36es"),
    "it_b36": ("it", "b36it"),
    "ja_b36": ("ja", "b36ja"),
    "en_b37": ("en", "b37en"),
    "de_b37": ("de", "b37de"),
    "fr_b37": ("fr", "b37fr"),
    "es_b37": ("es", "b37es"),
    "it_b37": ("it", "b37it"),
    "ja_b37": ("ja", "b37ja"),
    "en_b38": ("en", "b38en"),
    "de_b38": ("de", "b38de"),
    "fr_b38": ("fr", "b38fr"),
    "es_b38": ("es", "b38es"),
    "it_b38": ("it", "b38it"),
    "ja_b38": ("ja", "b38ja"),
    "en_b39": ("en", "b39en"),
    "de_b39": ("de", "b39de"),
    "fr_b39": ("fr", "b39fr"),
    "es_b39": ("es", "b39es"),
    "it_b39": ("it", "b39it"),
    "ja_b39": ("ja", "b39ja"),
    "en_b40": ("en", "b40en"),
    "de_b40": ("de", "b40de"),
    "fr_b40": ("fr", "b40fr"),
    "es_b40": ("es", "b40es"),
    "it_b40": ("it", "b40it"),
    "ja_b40": ("ja", "b40ja"),
    "en_b41": ("en", "b41en"),
    "de_b41": ("de", "b41de"),
    "fr_b41": ("fr", "b41fr"),
    "es_b41": ("es", "b41es"),
    "it_b41": ("it", "b41it"),
    "ja_b41": ("ja", "b41ja"),
    "en_b42": ("en", "b42en"),
    "de_b42": ("de", "b42de"),
    "fr_b42": ("fr", "b42fr"),
    "es_b42": ("es", "b42es"),
    "it_b42": ("it", "b42it"),
    "ja_b42": ("ja", "b42ja"),
    "en_b43": ("en", "b43en"),
    "de_b43": ("de", "b43de"),
    "fr_b43": ("fr", "b43fr"),
    "es_b43": ("es", "b43es"),
    "it_b43": ("it", "b43it"),
    "ja_b43": ("ja", "b43ja"),
    "en_b44": ("en", "b44en"),
    "de_b44": ("de", "b44de"),
    "fr_b44": ("fr", "b44fr"),
    "es_b44": ("es", "b44es"),
    "it_b44": ("it", "b44it"),
    "ja_b44": ("ja", "b44ja"),
    "en_b45": ("en", "b45en"),
    "de_b45": ("de", "b45de"),
    "fr_b45": ("fr", "b45fr"),
    "es_b45": ("es", "b45es"),
    "it_b45": ("it", "b45it"),
    "ja_b45": ("ja", "b45ja"),
    "en_b46": ("en", "b46en"),
    "de_b46": ("de", "b46de"),
    "fr_b46": ("fr", "b46fr"),
    "es_b46": ("es", "b46es"),
    "it_b46": ("it", "b46it"),
    "ja_b46": ("ja", "b46ja"),
    "en_b47": ("en", "b47en"),
    "de_b47": ("de", "b47de"),
    "fr_b47": ("fr", "b47fr"),
    "es_b47": ("es", "b47es"),
    "it_b47": ("it", "b47it"),
    "ja_b47": ("ja", "b47ja"),
    "en_b48": ("en", "b48en"),
    "de_b48": ("de", "b48de"),
    "fr_b48": ("fr", "b48fr"),
    "es_b48": ("es", "b48es"),
    "it_b48": ("it", "b48it"),
    "ja_b48": ("ja", "b48ja"),
    "en_b49": ("en", "b49en"),
    "de_b49": ("de", "b49de"),
    "fr_b49": ("fr", "b49fr"),
    "es_b49": ("es", "b49es"),
    "it_b49": ("it", "b49it"),
    "ja_b49": ("ja", "b49ja"),
    "en_b50": ("en", "b50en"),
    "de_b50": ("de", "b50de"),
    "fr_b50": ("fr", "b50fr"),
    "es_b50": ("es", "b50es"),
    "it_b50": ("it", "b50it"),
    "ja_b50": ("ja", "b50ja"),
    "en_b51": ("en", "b51en"),
    "de_b51": ("de", "b51de"),
    "fr_b51": ("fr", "b51fr"),
    "es_b51": ("es", "b51es"),
    "it_b51": ("it", "b51it"),
    "ja_b51": ("ja", "b51ja"),
    "en_b52": ("en", "b52en"),
    "de_b52": ("de", "b52de"),
    "fr_b52": ("fr", "b52fr"),
    "es_b52": ("es", "b52es"),
    "it_b52": ("it", "b52it"),
    "ja_b52": ("ja", "b52ja"),
    "en_b53": ("en", "b53en"),
    "de_b53": ("de", "b53de"),
    "fr_b53": ("fr", "b53fr"),
    "es_b53": ("es", "b53es"),
    "it_b53": ("it", "b53it"),
    "ja_b53": ("ja", "b53ja"),
    "en_b54": ("en", "b54en"),
    "de_b54": ("de", "b54de"),
    "fr_b54": ("fr", "b54fr"),
    "es_b54": ("es", "b54es"),
    "it_b54": ("it", "b54it"),
    "ja_b54": ("ja", "b54ja"),
    "en_b55": ("en", "b55en"),
    "de_b55": ("de", "b55de"),
    "fr_b55": ("fr", "b55fr"),
    "es_b55": ("es", "b55es"),
    "it_b55": ("it", "b55it"),
    "ja_b55": ("ja", "b55ja"),
    "en_b56": ("en", "b56en"),
    "de_b56": ("de", "b56de"),
    "fr_b56": ("fr", "b56fr"),
    "es_b56": ("es", "b56es"),
    "it_b56": ("it", "b56it"),
    "ja_b56": ("ja", "b56ja"),
    "en_b57": ("en", "b57en"),
    "de_b57": ("de", "b57de"),
    "fr_b57": ("fr", "b57fr"),
    "es_b57": ("es", "b57es"),
    "it_b57": ("it", "b57it"),
    "ja_b57": ("ja", "b57ja"),
    "en_b58": ("en", "b58en"),
    "de_b58": ("de", "b58de"),
    "fr_b58": ("fr", "b58fr"),
    "es_b58": ("es", "b58es"),
    "it_b58": ("it", "b58it"),
    "ja_b58": ("ja", "b58ja"),
    "en_b59": ("en", "b59en"),
    "de_b59": ("de", "b59de"),
    "fr_b59": ("fr", "b59fr"),
    "es_b59": ("es", "b59es"),
    "it_b59": ("it", "b59it"),
    "ja_b59": ("ja", "b59ja"),
    "en_b60": ("en", "b60en"),
    "de_b60": ("de", "b60de"),
    "fr_b60": ("fr", "b60fr"),
    "es_b60": ("es", "b60es"),
    "it_b60": ("it", "b60it"),
    "ja_b60": ("ja", "b60ja"),
    "en_b61": ("en", "b61en"),
    "de_b61": ("de", "b61de"),
    "fr_b61": ("fr", "b61fr"),
    "es_b61": ("es", "b61es"),
    "it_b61": ("it", "b61it"),
    "ja_b61": ("ja", "b61ja"),
    "en_b62": ("en", "b62en"),
    "de_b62": ("de", "b62de"),
    "fr_b62": ("fr", "b62fr"),
    "es_b62": ("es", "b62es"),
    "it_b62": ("it", "b62it"),
    "ja_b62": ("ja", "b62ja"),
    "en_b63": ("en", "b63en"),
    "de_b63": ("de", "b63de"),
    "fr_b63": ("fr", "b63fr"),
    "es_b63": ("es", "b63es"),
    "it_b63": ("it", "b63it"),
    "ja_b63": ("ja", "b63ja"),
    "en_b64": ("en", "b64en"),
    "de_b64": ("de", "b64de"),
    "fr_b64": ("fr", "b64fr"),
    "es_b64": ("es", "b64es"),
    "it_b64": ("it", "b64it"),
    "ja_b64": ("ja", "b64ja"),
    "en_b65": ("en", "b65en"),
    "de_b65": ("de", "b65de"),
    "fr_b65": ("fr", "b65fr"),
    "es_b65": ("es", "b65es"),
    "it_b65": ("it", "b65it"),
    "ja_b65": ("ja", "b65ja"),
    "en_b66": ("en", "b66en"),
    "de_b66": ("de", "b66de"),
    "fr_b66": ("fr", "b66fr"),
    "es_b66": ("es", "b66es"),
    "it_b66": ("it", "b66it"),
    "ja_b66": ("ja", "b66ja"),
    "de_b67": ("de", "b67de"),
    "de_b68": ("de", "b68de"),
    "de_b69": ("de", "b69de"),
    "en_b70": ("en", "b70en"),
    "de_b70": ("de", "b70de"),
    "fr_b70": ("fr", "b70fr"),
    "es_b70": ("es", "b70es"),
    "it_b70": ("it", "b70it"),
    "ja_b70": ("ja", "b70ja"),
}
EXPECTED_SIZE = {"en_b1": 80, "ja_b1": 50, "de_b1": 50, "fr_b1": 50, "es_b1": 50, "it_b1": 50,
                 "en_b2": 80, "de_b2": 40, "fr_b2": 40, "es_b2": 40, "it_b2": 40, "ja_b2": 40,
                 "en_b3": 100, "de_b3": 30, "fr_b3": 30, "es_b3": 30, "it_b3": 30, "ja_b3": 30,
                 "en_b4": 100, "ja_b4": 40, "de_b4": 30, "fr_b4": 30, "es_b4": 30, "it_b4": 30,
                 "en_b5": 100, "de_b5": 40, "fr_b5": 40, "es_b5": 40, "it_b5": 40, "ja_b5": 40,
                 "en_b6": 60, "de_b6": 30, "fr_b6": 30, "es_b6": 30, "it_b6": 30, "ja_b6": 30,
                 "en_b7": 60, "de_b7": 30, "fr_b7": 30, "es_b7": 30, "it_b7": 30, "ja_b7": 30,
                 "en_b8": 80, "de_b8": 30, "fr_b8": 30, "es_b8": 30, "it_b8": 30, "ja_b8": 30,
                 "en_b9": 80, "de_b9": 30, "fr_b9": 30, "es_b9": 30, "it_b9": 30, "ja_b9": 30,
                 "en_b10": 80, "de_b10": 30, "fr_b10": 30, "es_b10": 30, "it_b10": 30, "ja_b10": 30,
                 "en_b11": 80, "de_b11": 30, "fr_b11": 30, "es_b11": 30, "it_b11": 30, "ja_b11": 30,
                 "en_b12": 80, "de_b12": 30, "fr_b12": 30, "es_b12": 30, "it_b12": 30, "ja_b12": 30,
                 "en_b13": 80, "de_b13": 30, "fr_b13": 30, "es_b13": 30, "it_b13": 30, "ja_b13": 30,
                 "en_b14": 80, "de_b14": 30, "fr_b14": 30, "es_b14": 30, "it_b14": 30, "ja_b14": 30,
                 "en_b15": 80, "de_b15": 30, "fr_b15": 30, "es_b15": 30, "it_b15": 30, "ja_b15": 30,
                 "en_b16": 80, "de_b16": 30, "fr_b16": 30, "es_b16": 30, "it_b16": 30, "ja_b16": 30,
                 "en_b17": 80, "de_b17": 30, "fr_b17": 30, "es_b17": 30, "it_b17": 30, "ja_b17": 30,
                 "en_b18": 80, "de_b18": 30, "fr_b18": 30, "es_b18": 30, "it_b18": 30, "ja_b18": 30,
                 "en_b19": 80, "de_b19": 30, "fr_b19": 30, "es_b19": 30, "it_b19": 30, "ja_b19": 30,
                 "en_b20": 80, "de_b20": 30, "fr_b20": 30, "es_b20": 30, "it_b20": 30, "ja_b20": 30,
                 "en_b21": 80, "de_b21": 30, "fr_b21": 30, "es_b21": 30, "it_b21": 30, "ja_b21": 30,
                 "en_b22": 80, "de_b22": 30, "fr_b22": 30, "es_b22": 30, "it_b22": 30, "ja_b22": 30,
                 "en_b23": 80, "de_b23": 30, "fr_b23": 30, "es_b23": 30, "it_b23": 30, "ja_b23": 30,
                 "en_b24": 80, "de_b24": 30, "fr_b24": 30, "es_b24": 30, "it_b24": 30, "ja_b24": 30,
                 "en_b25": 80, "de_b25": 30, "fr_b25": 30, "es_b25": 30, "it_b25": 30, "ja_b25": 30,
                 "en_b26": 80, "de_b26": 30, "fr_b26": 30, "es_b26": 30, "it_b26": 30, "ja_b26": 30,
                 "en_b27": 80, "de_b27": 30, "fr_b27": 30, "es_b27": 30, "it_b27": 30, "ja_b27": 30,
                 "en_b28": 80, "de_b28": 30, "fr_b28": 30, "es_b28": 30, "it_b28": 30, "ja_b28": 30,
                 "en_b29": 80, "de_b29": 30, "fr_b29": 30, "es_b29": 30, "it_b29": 30, "ja_b29": 30,
                 "en_b30": 80, "de_b30": 30, "fr_b30": 30, "es_b30": 30, "it_b30": 30, "ja_b30": 30,
                 "en_b31": 80, "de_b31": 30, "fr_b31": 30, "es_b31": 30, "it_b31": 30, "ja_b31": 30,
                 "en_b32": 80, "de_b32": 30, "fr_b32": 30, "es_b32": 30, "it_b32": 30, "ja_b32": 30,
                 "en_b33": 80, "de_b33": 30, "fr_b33": 30, "es_b33": 30, "it_b33": 30, "ja_b33": 30,
                 "en_b34": 80, "de_b34": 30, "fr_b34": 30, "es_b34": 30, "it_b34": 30, "ja_b34": 30,
                 "en_b35": 80, "de_b35": 30, "fr_b35": 30, "es_b35": 30, "it_b35": 30, "ja_b35": 30,
                 "en_b36": 80, "de_b36": 30, "fr_b36": 30, "es_b36": 30, "it_b36": 30, "ja_b36": 30,
                 "en_b37": 80, "de_b37": 30, "fr_b37": 30, "es_b37": 30, "it_b37": 30, "ja_b37": 30,
                 "en_b38": 80, "de_b38": 30, "fr_b38": 30, "es_b38": 30, "it_b38": 30, "ja_b38": 30,
                 "en_b39": 80, "de_b39": 30, "fr_b39": 30, "es_b39": 30, "it_b39": 30, "ja_b39": 30,
                 "en_b40": 80, "de_b40": 30, "fr_b40": 30, "es_b40": 30, "it_b40": 30, "ja_b40": 30,
                 "en_b41": 80, "de_b41": 30, "fr_b41": 30, "es_b41": 30, "it_b41": 30, "ja_b41": 30,
                 "en_b42": 80, "de_b42": 30, "fr_b42": 30, "es_b42": 30, "it_b42": 30, "ja_b42": 30,
                 "en_b43": 80, "de_b43": 30, "fr_b43": 30, "es_b43": 30, "it_b43": 30, "ja_b43": 30,
                 "en_b44": 80, "de_b44": 30, "fr_b44": 30, "es_b44": 30, "it_b44": 30, "ja_b44": 30,
                 "en_b45": 80, "de_b45": 30, "fr_b45": 30, "es_b45": 30, "it_b45": 30, "ja_b45": 30,
                 "en_b46": 80, "de_b46": 30, "fr_b46": 30, "es_b46": 30, "it_b46": 30, "ja_b46": 30,
                 "en_b47": 80, "de_b47": 30, "fr_b47": 30, "es_b47": 30, "it_b47": 30, "ja_b47": 30,
                 "en_b48": 80, "de_b48": 30, "fr_b48": 30, "es_b48": 30, "it_b48": 30, "ja_b48": 30,
                 "en_b49": 80, "de_b49": 30, "fr_b49": 30, "es_b49": 30, "it_b49": 30, "ja_b49": 30,
                 "en_b50": 80, "de_b50": 30, "fr_b50": 30, "es_b50": 30, "it_b50": 30, "ja_b50": 30,
                 "en_b51": 80, "de_b51": 30, "fr_b51": 30, "es_b51": 30, "it_b51": 30, "ja_b51": 30,
                 "en_b52": 80, "de_b52": 30, "fr_b52": 30, "es_b52": 30, "it_b52": 30, "ja_b52": 30,
                 "en_b53": 80, "de_b53": 30, "fr_b53": 30, "es_b53": 30, "it_b53": 30, "ja_b53": 30,
                 "en_b54": 80, "de_b54": 30, "fr_b54": 30, "es_b54": 30, "it_b54": 30, "ja_b54": 30,
                 "en_b55": 80, "de_b55": 30, "fr_b55": 30, "es_b55": 30, "it_b55": 30, "ja_b55": 30,
                 "en_b56": 80, "de_b56": 30, "fr_b56": 30, "es_b56": 30, "it_b56": 30, "ja_b56": 30,
                 "en_b57": 80, "de_b57": 30, "fr_b57": 30, "es_b57": 30, "it_b57": 30, "ja_b57": 30,
                 "en_b58": 80, "de_b58": 30, "fr_b58": 30, "es_b58": 30, "it_b58": 30, "ja_b58": 30,
                 "en_b59": 80, "de_b59": 30, "fr_b59": 30, "es_b59": 30, "it_b59": 30, "ja_b59": 30,
                 "en_b60": 80, "de_b60": 30, "fr_b60": 30, "es_b60": 30, "it_b60": 30, "ja_b60": 30,
                 "en_b61": 80, "de_b61": 30, "fr_b61": 30, "es_b61": 30, "it_b61": 30, "ja_b61": 30,
                 "en_b62": 80, "de_b62": 30, "fr_b62": 30, "es_b62": 30, "it_b62": 30, "ja_b62": 30,
                 "en_b63": 80, "de_b63": 30, "fr_b63": 30, "es_b63": 30, "it_b63": 30, "ja_b63": 30,
                 "en_b64": 80, "de_b64": 30, "fr_b64": 30, "es_b64": 30, "it_b64": 30, "ja_b64": 30,
                 "en_b65": 80, "de_b65": 60, "fr_b65": 30, "es_b65": 30, "it_b65": 30, "ja_b65": 30,
                 "en_b66": 80, "de_b66": 50, "fr_b66": 30, "es_b66": 30, "it_b66": 30, "ja_b66": 30,
                 "de_b67": 50, "de_b68": 50, "de_b69": 50,
                 "en_b70": 80, "de_b70": 30, "fr_b70": 30, "es_b70": 30, "it_b70": 30, "ja_b70": 30}
MIN_CLEAN_SHARE = 0.35
MIN_CLEAN_SHARE_BY_BATCH = {"b5": 0.45, "b6": 0.45, "b7": 0.45, "b8": 0.45, "b9": 0.45, "b10": 0.45, "b11": 0.45, "b12": 0.45, "b13": 0.45, "b14": 0.45, "b15": 0.45, "b16": 0.45, "b17": 0.45, "b18": 0.45, "b19": 0.45, "b20": 0.45, "b21": 0.45, "b22": 0.45, "b23": 0.45, "b24": 0.45, "b25": 0.45, "b26": 0.45, "b27": 0.45, "b28": 0.45, "b29": 0.45, "b30": 0.45, "b31": 0.45, "b32": 0.45, "b33": 0.45, "b34": 0.45, "b35": 0.45, "b36": 0.45, "b37": 0.45, "b38": 0.45, "b39": 0.45, "b40": 0.45, "b41": 0.45, "b42": 0.45, "b43": 0.45, "b44": 0.45, "b45": 0.45, "b46": 0.45, "b47": 0.45, "b48": 0.45, "b49": 0.45, "b50": 0.45, "b51": 0.45, "b52": 0.45, "b53": 0.45, "b54": 0.45, "b55": 0.45, "b56": 0.45, "b57": 0.45, "b58": 0.45, "b59": 0.45, "b60": 0.45, "b61": 0.45, "b62": 0.45, "b63": 0.45, "b64": 0.45, "b65": 0.45, "b66": 0.45, "b67": 0.45, "b68": 0.45, "b69": 0.45, "b70": 0.45}  # batch 5 and later are written with at least 45 % clean cards
# a set written to test one figure more closely: de_b65 doubles German and is two-thirds clean, so
# that the clean-card error rate (target <= 2 %) is measured on 40 clean German cards at once
# batches 66-69 measure it on 160 more: four German sets of 50 cards, 80 % clean, written at once
# by four writers (batches 67-69 are German only)
MIN_CLEAN_SHARE_BY_SET = {"de_b65": 0.65, "de_b66": 0.8, "de_b67": 0.8, "de_b68": 0.8, "de_b69": 0.8}
NEAR_DUP = 0.8      # between blind cards of one batch
CROSS_BATCH_NEAR_DUP = 0.4  # between cards of any two different batches (a later batch is new wording)
DEV_NEAR_DUP = 0.4   # against the development corpora the rule authors have read

EMAIL_RE = re.compile(r"[A-Za-z0-9.+_-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL_RE = re.compile(
    r"(?<![A-Za-z0-9.@_/-])(?:https?://)?(?:[a-z0-9-]+\.)+(?:example|com|net|org|me|de|fr|es|it|jp|uk|shop|store)\b(?:/[\w@./?=&-]*[\w/])?",
    re.IGNORECASE,
)
HANDLE_RE = re.compile(r"(?<![A-Za-z0-9_.])[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
PHONE_RE = re.compile(r"\+?\(?[\d０-９][\d０-９ ()\-‐－]{6,}[\d０-９]")
MESSENGER_RE = re.compile(r"WhatsApp|WeChat|Telegram|Skype|(?<![A-Za-z])LINE(?![A-Za-z])|ＬＩＮＥ|微信|Viber")
QR_RE = re.compile(r"QR|ＱＲ|二次元コード|バーコード")
PHONE_OK = re.compile(
    r"555[\s-]?01\d\d|555 010 ?\d{3}|030 23125 \d{3}|040 66969 \d{3}|089 99998 \d{3}"
    r"|01 99 00 \d\d \d\d|0[36]-0000-\d{4}|０[３６]－００００－[０-９]{4}"
)

AMAZON_HOST = re.compile(r"^(?:www\.)?amazon\.(?:com|de|fr|es|it|co\.jp|co\.uk|ca|com\.mx|com\.au|in|ie|sg|ae|nl|se|pl|com\.be|com\.tr|sa|eg|co\.za|com\.br)$")

MARK_OPEN, MARK_CLOSE = "{{", "}}"


def url_host(url: str) -> str:
    return re.sub(r"^https?://", "", url).split("/")[0].lower()


class SourceError(Exception):
    pass


def parse_markup(raw: str) -> tuple[str, list[dict]]:
    """Strip {{phrase|CODES}} marks, return (text, spans)."""
    out: list[str] = []
    spans: list[dict] = []
    stack: list[int] = []
    pos = 0
    length = 0
    while pos < len(raw):
        if raw.startswith(MARK_OPEN, pos):
            stack.append(length)
            pos += 2
            continue
        if raw.startswith(MARK_CLOSE, pos) and stack:
            # the codes follow the last "|" before this close
            bar = "".join(out).rfind("|")
            text_so_far = "".join(out)
            if bar < stack[-1]:
                raise SourceError(f"mark without |CODES near {raw[max(0, pos - 40):pos + 2]!r}")
            codes = text_so_far[bar + 1:]
            out = [text_so_far[:bar]]
            length = bar
            start = stack.pop()
            for code in codes.split(","):
                code = code.strip()
                if code not in CODES:
                    raise SourceError(f"unknown category code {code!r}")
                spans.append({"start": start, "end": length, "category": CODES[code]})
            pos += 2
            continue
        out.append(raw[pos])
        length += 1
        pos += 1
    if stack:
        raise SourceError(f"unclosed mark in {raw[:60]!r}")
    text = "".join(out)
    if "{{" in text or "}}" in text:
        raise SourceError(f"stray braces in {text[:60]!r}")
    return text, spans


def read_source(path: Path) -> list[tuple[str, str, list[dict], set[str]]]:
    cards = []
    note = None
    lines: list[str] = []

    def flush():
        if note is None:
            return
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        raw = "\n".join(lines)
        text, spans = parse_markup(raw)
        flags = set()
        n = note
        while n.startswith("!"):
            flag, _, n = n.partition(" ")
            flags.add(flag[1:])
        cards.append((text, n.strip(), spans, flags))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("==="):
            flush()
            note = line[3:].strip()
            lines = []
        elif note is not None:
            lines.append(line)
    flush()
    return cards


def covered(spans, start, end, cats) -> bool:
    return any(s["start"] <= start and end <= s["end"] and s["category"] in cats for s in spans)


def convention_errors(text: str, spans: list[dict], flags: set[str]) -> list[str]:
    errors = []
    masked = text
    for m in EMAIL_RE.finditer(text):
        if not covered(spans, m.start(), m.end(), {OC}):
            errors.append(f"e-mail without offsite-contact span: {m.group()!r}")
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for m in URL_RE.finditer(masked):
        if AMAZON_HOST.match(url_host(m.group())):
            continue  # an Amazon page keeps the buyer on the marketplace
        if not covered(spans, m.start(), m.end(), {EL}):
            errors.append(f"URL without external-link span: {m.group()!r}")
    for m in HANDLE_RE.finditer(masked):
        if not covered(spans, m.start(), m.end(), {EL, OC}):  # a messenger id (LINE @x) is offsite-contact
            errors.append(f"handle without external-link or offsite-contact span: {m.group()!r}")
    for m in PHONE_RE.finditer(masked):
        digits = sum(c.isdigit() for c in m.group())
        if digits < 8:
            continue
        if not covered(spans, m.start(), m.end(), {OC}):
            errors.append(f"phone number without offsite-contact span: {m.group()!r}")
        if not PHONE_OK.search(m.group()):
            errors.append(f"phone number not from a fictional range: {m.group()!r}")
    for m in MESSENGER_RE.finditer(masked):
        if not covered(spans, m.start(), m.end(), {OC}):
            errors.append(f"messenger without offsite-contact span: {m.group()!r}")
    if not flags & {"qr-device", "qr-amazon"}:
        qr = list(QR_RE.finditer(text))
        if qr and not any(covered(spans, m.start(), m.end(), {EL}) for m in qr):
            errors.append("QR code without external-link span (flag !qr-device for a pairing label)")
    for m in EMAIL_RE.finditer(text):
        if not re.search(r"\.example(\.(com|net|org))?$|@example\.(com|net|org)$", m.group()):
            errors.append(f"e-mail not on a reserved example domain: {m.group()!r}")
    for m in URL_RE.finditer(masked):
        host = url_host(m.group())
        if not (host.endswith(".example") or ".example." in host or host.startswith("example.")
                or AMAZON_HOST.match(host)):
            errors.append(f"URL not on a reserved example domain: {m.group()!r}")
    return errors


def card_errors(rid: str, text: str, spans: list[dict], flags: set[str]) -> list[str]:
    errors = []
    for s in spans:
        phrase = text[s["start"]:s["end"]]
        if not phrase:
            errors.append(f"{rid}: empty span")
        elif phrase != phrase.strip() or phrase.strip() in ".,;:!?":
            errors.append(f"{rid}: span not trimmed: {phrase!r}")
    keys = [(s["start"], s["end"], s["category"]) for s in spans]
    if len(set(keys)) != len(keys):
        errors.append(f"{rid}: duplicate span")
    errors += [f"{rid}: {e}" for e in convention_errors(text, spans, flags)]
    return errors


# --------------------------------------------------------------------------- near duplicates
def tokens(text: str, lang: str) -> set[str]:
    norm = unicodedata.normalize("NFKC", text).lower()
    if lang == "ja":
        chars = [c for c in norm if not c.isspace() and unicodedata.category(c)[0] in "LN"]
        return {"".join(chars[i:i + 2]) for i in range(len(chars) - 1)}
    return set(re.findall(r"\w+", norm))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def load_dev(dev_dir: Path) -> list[dict]:
    records = []
    for name in ("dev_corpus.jsonl", "dev_multilingual.jsonl"):
        path = dev_dir / name
        if path.is_file():
            records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


# --------------------------------------------------------------------------- build
def batch_of(record_id: str) -> str:
    """The batch a card id belongs to: "b10de-003" -> "b10" (not "b1": ids carry no padding)."""
    match = re.match(r"b\d+", record_id)
    if not match:
        raise ValueError(f"not a blind card id: {record_id!r}")
    return match.group()


def build_sets() -> tuple[dict[str, list[dict]], list[str]]:
    problems: list[str] = []
    sets: dict[str, list[dict]] = {}
    for name, (lang, prefix) in SETS.items():
        path = SRC / f"{name}.txt"
        if not path.is_file():
            continue
        try:
            cards = read_source(path)
        except SourceError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        records = []
        for number, (text, note, spans, flags) in enumerate(cards, start=1):
            rid = f"{prefix}-{number:03d}"
            spans.sort(key=lambda s: (s["start"], s["end"], CATEGORIES.index(s["category"])))
            problems += card_errors(rid, text, spans, flags)
            if not note:
                problems.append(f"{rid}: missing note")
            lines = text.count("\n") + 1
            if not 2 <= lines <= 12:
                problems.append(f"{rid}: {lines} lines, cards have 2-12 lines")
            labels = [c for c in CATEGORIES if any(s["category"] == c for s in spans)]
            if not labels and not note.lower().startswith("clean"):
                problems.append(f"{rid}: no labels but the note does not start with 'Clean'")
            if labels and note.lower().startswith("clean"):
                problems.append(f"{rid}: labelled but the note starts with 'Clean'")
            records.append({"id": rid, "lang": lang, "text": text, "labels": labels,
                            "spans": spans, "note": note})
        sets[name] = records
    return sets, problems


def set_problems(sets: dict[str, list[dict]], dev: list[dict]) -> list[str]:
    problems = []
    for name, records in sets.items():
        if len(records) != EXPECTED_SIZE[name]:
            problems.append(f"{name}: {len(records)} cards, expected {EXPECTED_SIZE[name]}")
        clean = sum(1 for r in records if not r["labels"])
        min_clean = MIN_CLEAN_SHARE_BY_SET.get(
            name, MIN_CLEAN_SHARE_BY_BATCH.get(name.rsplit("_", 1)[-1], MIN_CLEAN_SHARE))
        if records and clean / len(records) < min_clean:
            problems.append(f"{name}: clean share {clean / len(records):.0%} < {min_clean:.0%}")
        present = {c for r in records for c in r["labels"]}
        missing = [c for c in CATEGORIES if c not in present]
        if missing:
            problems.append(f"{name}: categories never used: {missing}")
    everything = [r for records in sets.values() for r in records]
    ids = Counter(r["id"] for r in everything)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    toks = [(r["id"], r["lang"], tokens(r["text"], r["lang"])) for r in everything]
    dev_toks = [(d["id"], d["lang"], tokens(d["text"], d["lang"])) for d in dev]
    # every blind card against every other of its language and against the dev corpora: only
    # the pairs the prefix filter lets through are compared (the same problems as comparing
    # every pair, in the same order, without the 10-million-pair loop)
    n = len(toks)
    pairs = candidate_pairs([t for _, _, t in toks + dev_toks], [lg for _, lg, _ in toks + dev_toks],
                            min(NEAR_DUP, CROSS_BATCH_NEAR_DUP, DEV_NEAR_DUP))
    dev_problems = []
    batches = [batch_of(rid) for rid, _, _ in toks]
    for i, j in sorted(pairs):
        if i >= n:
            continue  # two dev items
        if j < n:
            limit = NEAR_DUP if batches[i] == batches[j] else CROSS_BATCH_NEAR_DUP
            if jaccard(toks[i][2], toks[j][2]) > limit:
                problems.append(f"near-duplicate texts: {toks[i][0]} ~ {toks[j][0]}")
        elif jaccard(toks[i][2], dev_toks[j - n][2]) > DEV_NEAR_DUP:
            dev_problems.append(f"{toks[i][0]} is a near-duplicate of dev item {dev_toks[j - n][0]}")
    return problems + dev_problems


def candidate_pairs(sets: list[set[str]], langs: list[str], threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i, j), i < j, of same-language token sets that may have a Jaccard
    similarity of ``threshold`` or more; every such pair is among them. Prefix filtering (the
    all-pairs similarity join of Xiao et al., PPJoin): with each set's tokens ordered rarest
    first and the sets taken smallest first, two sets at Jaccard >= t share a token among the
    first |s| - ceil(2t/(1+t) * |s|) + 1 of the smaller one and the first |s| - ceil(t * |s|) + 1
    of the larger, and the smaller has at least t times the larger's size. Pairs below the
    threshold may be included; the caller compares each one."""
    freq = Counter(tok for s in sets for tok in s)
    index: dict[tuple[str, str], list[int]] = {}
    out: set[tuple[int, int]] = set()
    for j in sorted((k for k, s in enumerate(sets) if s), key=lambda k: len(sets[k])):
        size = len(sets[j])
        ordered = sorted(sets[j], key=lambda tok: (freq[tok], tok))
        probe = size - math.ceil(threshold * size) + 1
        keep = size - math.ceil(2 * threshold / (1 + threshold) * size) + 1
        least = threshold * size
        for pos, tok in enumerate(ordered[:probe]):
            bucket = index.setdefault((langs[j], tok), [])
            out.update((min(i, j), max(i, j)) for i in bucket if len(sets[i]) >= least)
            if pos < keep:
                bucket.append(j)
    return out


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def report(sets: dict[str, list[dict]]) -> str:
    short = {v: k for k, v in CODES.items()}
    head = "| set | cards | clean | clean share | " + " | ".join(short[c] for c in CATEGORIES) + " |"
    lines = [head, "|" + "---|" * (4 + len(CATEGORIES))]
    for name, records in sets.items():
        clean = sum(1 for r in records if not r["labels"])
        per = Counter(c for r in records for c in r["labels"])
        lines.append(f"| {name} | {len(records)} | {clean} | {clean / max(1, len(records)):.0%} | "
                     + " | ".join(str(per[c]) for c in CATEGORIES) + " |")
    lines.append("")
    lines.append("Codes: " + ", ".join(f"{k} = {v}" for k, v in CODES.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a jsonl file is stale or invalid")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV,
                        help="directory holding dev_corpus.jsonl / dev_multilingual.jsonl")
    args = parser.parse_args(argv)

    sets, problems = build_sets()
    dev = load_dev(args.dev)
    if not dev:
        print(f"note: no development corpora under {args.dev}; near-duplicate check against them skipped",
              file=sys.stderr)
    problems += set_problems(sets, dev)
    if problems:
        for p in problems:
            print("ERROR:", p, file=sys.stderr)
        return 1

    stale = []
    for name, records in sets.items():
        out = HERE / f"{name}.jsonl"
        content = render(records)
        if args.check:
            if not out.is_file() or out.read_text(encoding="utf-8") != content:
                stale.append(out.name)
        else:
            out.write_text(content, encoding="utf-8")
    for name in SETS:
        if name not in sets and (HERE / f"{name}.jsonl").is_file():
            stale.append(f"{name}.jsonl (no source)")
    print(report(sets))
    if stale:
        print("stale: " + ", ".join(stale) + " (run build.py without --check)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
