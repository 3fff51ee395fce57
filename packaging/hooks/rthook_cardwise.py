"""Runtime hook of the frozen bundle: point Tesseract at the language data shipped in the
bundle (``<bundle>/tessdata``) unless the user chose another folder with TESSDATA_PREFIX."""
import os
import sys

_tessdata = os.path.join(getattr(sys, "_MEIPASS", os.path.dirname(sys.executable)), "tessdata")
if os.path.isfile(os.path.join(_tessdata, "eng.traineddata")):
    os.environ.setdefault("TESSDATA_PREFIX", _tessdata)
