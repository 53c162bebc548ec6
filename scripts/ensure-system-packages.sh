#!/usr/bin/env bash
# Installs the Debian packages demat needs when they are missing: tesseract with
# its Italian, English and orientation data; Redis and PostgreSQL 15 (with its
# contrib extensions), which the tests start as private servers. As root it
# installs them; otherwise it tries sudo without a password, and failing that
# names the command to run.
set -euo pipefail

missing=()
if ! command -v tesseract >/dev/null 2>&1; then
    missing+=(tesseract-ocr tesseract-ocr-ita tesseract-ocr-eng tesseract-ocr-osd)
else
    langs=$(tesseract --list-langs 2>/dev/null || true)
    for lang in ita eng osd; do
        grep -qx "$lang" <<<"$langs" || missing+=("tesseract-ocr-$lang")
    done
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
# the independent corpus (samples/grammar) draws with the DejaVu fonts
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf ] || missing+=(fonts-dejavu-core fonts-dejavu-extra)
for extra in "$@"; do  # further packages a target needs, as "command:package"
    command -v "${extra%%:*}" >/dev/null 2>&1 || missing+=("${extra#*:}")
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "demat: installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo)
else
    echo "demat: these Debian packages are missing: ${missing[*]}" >&2
    echo "Install them as root, then run make again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { "${run[@]}" apt-get update -qq && "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
    echo "demat: apt-get could not install ${missing[*]} (no network to the Debian mirrors?)." >&2
    exit 1
fi
