"""Tumen: from article files to cited answers. No Discord in here."""
