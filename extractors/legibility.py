"""Make small or faint print legible to tesseract, and tell which reading is better.

Tesseract reads best when the lowercase letters are 20-30 pixels high; a
receipt photographed at 600 x 1,100 pixels, or a page saved at 90 dpi with
no resolution in the file, has letters of 5-8 pixels and reads as nothing.
Faint print (worn toner, a fading thermal receipt, a photo lit from one side)
defeats tesseract's own global threshold. So:

- `upscale_factor` enlarges a page whose text is small (measured before OCR
  by `scan_cleanup.inspect`) before the first pass: one pass at the right
  size, no retry.
- a black-and-white page (a fax) whose text is below the target size is
  `despeckle`d, `soften`ed (its ragged two-level edges given a scan's grey)
  and enlarged.
- so is a page scanned below 150 dpi (`is_coarse_scan`), as it is: its
  measured x-height says too much. How much matters little: the tuned
  families' 100-120 dpi scans read at x2, x3, x4 and x5 gave 401, 403, 404
  and 403 of 424 values legible (seeds 901 and 921, 20 documents each), the
  factor chosen 403; courtesy and stress pages the same within 2-4 values,
  x2 best by a hair. A fax read x3 or x4 (its print's x-height 33 pixels,
  not 22) gave tuned faxes 199 of 218 values legible against 193, but 226
  fields right against 232 (seed 905): dropped.
- `clean` flattens uneven light, smooths the noise and stretches the
  contrast, so that tesseract's own global (Otsu) threshold then separates
  faint print and a photo's shadowed side from the paper: used for a second
  pass only when the first one read poorly, so a normal scan is read once;
  first, for a page `unevenly_lit` (a photo), whose first reading keeps high
  confidence on its bright side while it misses the shadowed one.
  Faint print (toner at 45-60% of black) is read surely (mean confidence
  0.88-0.96) and so once. Read both ways whenever its darkest ink was paler
  than grey 80, the better kept by `score`, the tuned families' faint scans
  gave 831 of 847 values legible against 826 (grammar seeds 801-808), but the
  never-tuned ones 0.888 against 0.896, fields right 0.860 against 0.876:
  dropped (branch faint21). Read cleaned alone they gave 825; with a gamma
  before the one reading, faint stress pages gave 0.851-0.905 of their values
  at 1.5-2.5 against 0.938, and at 0.7 traded grey print and dark bands for
  figures on mid-grey fills. Lifting a page's mid-grey fills (shaded cells)
  to paper white before the reading read 14 of 16 totals printed on them at
  100-120 dpi against none, on pages made for it, and left the tuned
  families' text as it was; but the never-tuned scans, their values as
  legible as before, gave fields right 0.870 against 0.875 (captions read
  anew mislead the fields stage): dropped (branch small21, as ocr17 before).
  Binarising here instead (Otsu on the same cleaned page) read fewer words
  on the faint, thermal and photographed pages of `bench/ocr.py` we tried it
  on (119 of 160 reference words against 136-145 on two of them): the grey
  edges that a black-and-white page loses help tesseract.
- `score` counts a reading's confident words, to keep the better one; it
  follows the share of words read correctly, where counting all words would
  reward a page of noise read as many short unsure words.

Plain numpy and Pillow: each step is a few array operations on one page, and
OpenCV or scikit-image would add a large dependency for no better result here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageFilter

from demat.kernel.document import Word

SMALL_TEXT = 10.0  # pixels of x-height below which tesseract misses words (10 pt at 200 dpi: 12-16)
LOW_RESOLUTION = 150  # dpi: a scan below it draws 10 pt print 7-9 pixels high, its strokes a pixel wide
FULL_RESOLUTION = 300  # dpi a coarse scan is enlarged to at least: 10 pt print's x-height about 22 pixels
TARGET_TEXT = 22.0  # pixels of x-height tesseract reads best (20-30); on 100-120 dpi scans of the tuned
# families 22 read 0.876 of the words with digits against 0.846 for 20 (a 7-pixel x-height enlarged x4, not x3)
MAX_FACTOR = 4
MAX_UPSCALED_PIXELS = 40_000_000  # an A4 page at about 640 dpi: enough for any small print
BACKGROUND_BLOCK = 24  # pixels; larger than a letter, smaller than a shadow's change
DENOISE = 0.8  # pixels of Gaussian blur: smooths a sensor's or a print head's grain, keeps the strokes
UNEVEN_LIGHT = 0.8  # paper darker than this share of its brightest: read the cleaned page first
POOR_CONFIDENCE = 0.6  # mean word confidence of a reading worth a second, cleaned pass
GREYS = (64, 192)  # grey levels strictly between these are neither a two-level page's black nor its white
MOST_GREYS = 0.002  # share of such greys on a fax, JPEG's ringing included; a grey scan's letter edges make 0.008-0.04
EDGE_GREYS = 0.3  # of a page's print, at most, in such greys on a fax (JPEG's ringing at quality 55: up to 0.08);
# a grey scan's letters are more than half edges (0.54-0.96 on the tuned families' flatbed, lowres and faint scans)
WHITE_PAPER = 240  # the median pixel of a fax, at least: its paper is white
SOFTEN = 0.7  # pixels of Gaussian blur that give a black-and-white page's edges the grey of a scan
CONFIDENT = 0.8  # words read less surely than this are often wrong: they do not count


def upscale_factor(text_height: float, size: tuple[int, int], black_and_white: bool = False,
                   coarse_dpi: int = 0) -> int:
    """How many times to enlarge a page whose x-height is TEXT_HEIGHT pixels (0: no text seen).

    A BLACK_AND_WHITE page (a fax) is enlarged whenever its text is below the
    target, softened first (`soften`): its ragged two-level edges cost
    tesseract more words than small grey print does. So is a coarse scan
    (`is_coarse_scan`) of COARSE_DPI (0: not one), whatever its text
    measures, and at least to FULL_RESOLUTION: its measure says too much (a
    120 dpi page measured 11 pixels and enlarged x2 lost a framed date that
    x3 reads).
    """
    if not 0 < text_height < (TARGET_TEXT if black_and_white or coarse_dpi else SMALL_TEXT):
        return 1
    wanted = math.ceil(TARGET_TEXT / text_height)
    if coarse_dpi:
        wanted = max(wanted, math.ceil(FULL_RESOLUTION / coarse_dpi))
    factor = min(MAX_FACTOR, wanted)
    while factor > 1 and size[0] * size[1] * factor * factor > MAX_UPSCALED_PIXELS:
        factor -= 1
    return factor


def is_coarse_scan(dpi: int, uneven_light: bool) -> bool:
    """A page scanned below LOW_RESOLUTION DPI, in a scanner's even light: read enlarged to the target size.

    Its print is sampled so coarsely that its measured x-height says too much:
    a 100-120 dpi scan's blur and JPEG spread a line's core over a pixel or
    two more, its bold figures, framed values and grey fills measure 10
    pixels where the letters are 7-9, and such a page, read as scanned, lost
    them. On 16 pages of `bench/stress_pages.py` at 100-120 dpi (damage.py's
    `lowres`) demat read 0.932 of the values against 0.878 (words 0.859
    against 0.819), on 12 others 0.939 against 0.893, at 1.1-1.2 times the
    CPU; the tuned families' and the generator's lowres pages, whose text
    measured below SMALL_TEXT already, read the same. A photo (UNEVEN_LIGHT)
    is not one: its resolution is a guess (the file says none;
    `images.page_resolution` takes the page for A4), its letters are lost to
    the lens's blur more than to the pixels, and enlarged so, phone photos
    gained nothing clear (the generator's read 0.408 of their values against
    0.423, the stress pages' 0.326 against 0.295) at 1.1 times the CPU.
    """
    return 0 < dpi < LOW_RESOLUTION and not uneven_light


def enlarge(image: Image.Image, factor: int) -> Image.Image:
    """IMAGE FACTOR times larger, smoothly: bicubic keeps the strokes' shape for tesseract."""
    if factor == 1:
        return image
    gray = image.convert("L") if image.mode != "L" else image
    return gray.resize((image.width * factor, image.height * factor), Image.Resampling.BICUBIC)


def is_black_and_white(image: Image.Image) -> bool:
    """Black print on white paper with next to no grey between them: a fax or a CCITT scan, not a grey page.

    Counted as greys far from both levels, not as pixels other than 0 and 255:
    a fax saved as JPEG (in a PDF or a TIFF, as most scanners and fax servers
    do) keeps its two levels only give or take JPEG's ringing round each
    stroke, and was read as a grey page, neither despeckled nor enlarged.
    A page of a few lines (a last page with its totals, a footer) has next to
    no grey because it has next to no print: its greys are weighed against its
    ink too, or a grey scan of it was despeckled and softened as a fax, and its
    small print lost (a 6 pt footer at 100 dpi, its IBAN among it, read as noise).
    """
    if image.mode == "1":
        return True
    pixels = np.asarray(image.convert("L") if image.mode != "L" else image)
    between = np.count_nonzero((pixels > GREYS[0]) & (pixels < GREYS[1]))
    if between > MOST_GREYS * pixels.size or np.median(pixels) < WHITE_PAPER:
        return False
    return bool(between <= EDGE_GREYS * (between + np.count_nonzero(pixels <= GREYS[0])))


def soften(image: Image.Image) -> Image.Image:
    """A black-and-white page with grey edges, as a grey scan of it would have.

    On six 150 dpi faxes of the tuned families (`samples/grammar/damage.py`),
    softened and enlarged x2-x3, demat read 0.87 of the words and 0.77 of those
    with digits, against 0.75 and 0.66 as they were; a median filter instead
    read fewer (it takes the thin strokes away with the speckles). It costs
    about 3.5 times the OCR time of such a page.
    """
    return image.convert("L").filter(ImageFilter.GaussianBlur(SOFTEN))


def despeckle(image: Image.Image) -> Image.Image:
    """A black-and-white page without its speckles: black pixels alone, or two touching only each other.

    A fax's line noise and a dirty glass leave dots all over the page;
    softened and enlarged they become grey blobs beside the figures, which
    tesseract reads as stray commas and quotes or joins to a digit. A stroke of
    print, however thin, touches its own next pixel, so it keeps all of its ink.
    On four faxes of `bench/ocr.py` ("grammar fax") demat read 0.858 of the
    words with digits against 0.825 before, in one pass instead of 1.75.
    Speckles fall so thick on a fax that some fall side by side: such pairs,
    kept at first, were read as marks beside a number (G4's preventivo s0103,
    `° 25/5314`) and spoilt a P.IVA. The full stops and i's dots of 10 pt
    print at 150 dpi are larger. On the JPEG faxes (PDF and TIFF) of tuned
    families G1 G4 G7 G13 G16 at grammar seeds 7, 101 and 103, values legible
    in the OCR text rose from 243/280 to 250/280.
    """
    ink = np.asarray(image.convert("L") if image.mode != "L" else image) < 128
    neighbours = _around(ink, np.uint8).sum(axis=0)
    alone = ink & (neighbours == 1)
    paired = alone & _around(alone, bool).any(axis=0)  # its one neighbour has no other: a pair by itself
    return Image.fromarray(np.where(ink & (neighbours > 0) & ~paired, 0, 255).astype(np.uint8))


def _around(mask: np.ndarray, dtype) -> np.ndarray:
    """MASK's eight neighbours of each pixel, one layer per direction (outside the page: none)."""
    padded = np.pad(mask, 1).astype(dtype)
    height, width = mask.shape
    return np.stack([padded[1 + dy:1 + dy + height, 1 + dx:1 + dx + width]
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx])


def clean(image: Image.Image) -> Image.Image:
    """Dark print on evenly white paper from a faint, noisy or unevenly lit page.

    Done before enlarging: the noise is smoothed at the scale it was made,
    and there are fewer pixels to work on. The paper's usual brightness (the
    median pixel: print covers far less than half a page) becomes white, so
    the paper's grain is not stretched into speckles that tesseract takes for
    print.
    """
    gray = flatten_light(image.convert("L") if image.mode != "L" else image).filter(ImageFilter.GaussianBlur(DENOISE))
    pixels = np.asarray(gray, dtype=np.float32)
    ink, paper = np.percentile(pixels, [0.5, 50])
    stretched = (pixels - ink) * (255.0 / max(paper - ink, 1.0))
    return Image.fromarray(np.clip(stretched, 0, 255).astype(np.uint8))


def flatten_light(image: Image.Image) -> Image.Image:
    """IMAGE (mode "L") divided by its paper's brightness, so that the paper is evenly white."""
    pixels = np.asarray(image, dtype=np.float32)
    paper = Image.fromarray(paper_brightness(pixels).astype(np.uint8)).resize(image.size, Image.Resampling.BILINEAR)
    ratio = pixels / np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(ratio * 255.0, 0, 255).astype(np.uint8))


def unevenly_lit(image: Image.Image) -> bool:
    """The paper's darker parts are much darker than its brighter ones: a photo, not a scan."""
    darker, brighter = np.percentile(paper_brightness(np.asarray(image, dtype=np.float32)), [5, 95])
    return bool(darker < UNEVEN_LIGHT * brighter)


def paper_brightness(pixels: np.ndarray) -> np.ndarray:
    """The paper's brightness in each block of BACKGROUND_BLOCK pixels.

    The brightest pixel of each block, spread over the neighbouring blocks:
    a block inside a letter or a large dark patch borrows it.
    """
    block = BACKGROUND_BLOCK
    rows, cols = -(-pixels.shape[0] // block), -(-pixels.shape[1] // block)
    padded = np.pad(pixels, ((0, rows * block - pixels.shape[0]), (0, cols * block - pixels.shape[1])), mode="edge")
    paper = np.pad(padded.reshape(rows, block, cols, block).max(axis=(1, 3)), 1, mode="edge")
    return np.max([paper[1 + dy:rows + 1 + dy, 1 + dx:cols + 1 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)],
                  axis=0)


def otsu_threshold(pixels: np.ndarray) -> int:
    """The grey level that best splits PIXELS (uint8) into ink and paper (Otsu's method): ink is at or below it.

    On a black-and-white page (a fax, a CCITT TIFF) every level from 0 to 254
    splits it as well, and the first, 0, is returned: the ink is the pixels equal to it.
    """
    share = np.bincount(pixels.ravel(), minlength=256).astype(np.float64) / pixels.size
    below = np.cumsum(share)
    mean_below = np.cumsum(share * np.arange(256))
    spread = (mean_below[-1] * below - mean_below) ** 2 / np.maximum(below * (1.0 - below), 1e-12)
    return int(np.argmax(spread))


def reads_poorly(lines: Sequence[Sequence[Word]]) -> bool:
    """Nothing read, or read so unsurely that a cleaned page may do better."""
    confidences = [w.confidence for line in lines for w in line]
    return not confidences or sum(confidences) / len(confidences) < POOR_CONFIDENCE


def score(lines: Sequence[Sequence[Word]]) -> float:
    """How much a reading says: its confident words, each weighed by its confidence."""
    return sum(w.confidence for line in lines for w in line if w.confidence >= CONFIDENT)
