#!/usr/bin/env python3
# Makes the one font the PDF renderer embeds (extensions/salesflow/assets/fonts/SalesflowSans.ttf),
# from two Apache-2.0 TrueType fonts in Debian packages: Droid Sans Fallback for Chinese, subset to
# GBK (all 20,902 unified hanzi of Unicode's basic block, so rare name characters such as 喆, 赟 and 堃
# print, plus GB2312's symbols) and the full-width forms, and Roboto for Latin, digits and
# punctuation (Droid Sans Fallback has no ASCII). TrueType outlines because pdfkit embeds them well
# (CFF-based CJK fonts are known trouble there); a subset so the committed file stays a few MB.
# Run once when the character set changes:
#   apt-get install -y fonts-droid-fallback fonts-roboto-unhinted && pip install fonttools
#   python3 scripts/make-cjk-font.py
import os
import sys
import tempfile

from fontTools import merge, subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

CJK = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'
LATIN = '/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf'
TARGET = os.path.join(os.path.dirname(__file__), '..', 'extensions', 'salesflow', 'assets', 'fonts', 'SalesflowSans.ttf')
UPEM = 1024  # Droid's 256 × 4 and Roboto's 2048 ÷ 2: both scale exactly

LATIN_CHARS = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2212}


def gbk() -> set[int]:
    """Every character GBK encodes (lead bytes 0x81–0xFE, trail bytes 0x40–0xFE but 0x7F)."""
    chars = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            if lo == 0x7F:
                continue
            try:
                chars.add(ord(bytes([hi, lo]).decode('gbk')))
            except UnicodeDecodeError:
                pass
    return chars


def subset_to(path: str, codepoints: set[int], out: str) -> None:
    options = subset.Options()
    options.layout_features = []  # no shaping needed for Chinese, digits and Latin
    options.drop_tables += ['GDEF', 'GPOS', 'GSUB', 'vhea', 'vmtx', 'gasp']
    options.hinting = False  # printed and on screen at PDF resolution: hints only add bytes
    options.name_IDs = ['*']  # keep the copyright and licence notices
    options.notdef_outline = True
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    scale_upem(font, UPEM)
    font.save(out)


def main() -> None:
    for path in (CJK, LATIN):
        if not os.path.exists(path):
            sys.exit(f'{path} is missing: apt-get install -y fonts-droid-fallback fonts-roboto-unhinted')
    with tempfile.TemporaryDirectory() as tmp:
        cjk, latin = os.path.join(tmp, 'cjk.ttf'), os.path.join(tmp, 'latin.ttf')
        # Chinese first: the merged font keeps its names and vertical metrics; Latin code points come from Roboto.
        subset_to(CJK, (gbk() | set(range(0x3000, 0x3020)) | set(range(0xFF01, 0xFF5F)) | {0xFFE5}) - LATIN_CHARS, cjk)
        subset_to(LATIN, LATIN_CHARS, latin)
        font = merge.Merger().merge([cjk, latin])
        font.save(TARGET)
    check = TTFont(TARGET).getBestCmap()
    missing = [chr(c) for c in sorted(LATIN_CHARS | {ord('贰'), ord('仟'), ord('￥'), ord('喆'), ord('赟'), ord('堃')}) if c not in check and c != 0xAD]
    if missing:
        sys.exit(f'{TARGET} lacks {missing}')
    print(f'{TARGET}: {os.path.getsize(TARGET)} bytes, {len(check)} code points')


if __name__ == '__main__':
    main()
