"""Independent privacy evaluation set: our own value lists and templates, no list shared with the detector."""
