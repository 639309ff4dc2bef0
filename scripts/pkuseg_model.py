"""Build a spacy-pkuseg model folder from the default model in the pkuseg 0.0.25 sdist on PyPI.

    .venv/bin/python scripts/pkuseg_model.py OUT_DIR [--sdist pkuseg-0.0.25.tar.gz]
    GOVKG_PKUSEG_MODEL=OUT_DIR .venv/bin/python -m ingest.extract ...   # needs: pip install spacy-pkuseg

OUT_DIR gets weights.npz (copied) and features.msgpack (features.pkl rewritten): the
layout spacy_pkuseg.pkuseg(OUT_DIR) loads. Without --sdist, pip fetches the sdist.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import pickle
import subprocess
import sys
import tarfile
import tempfile
import venv
from pathlib import Path

import numpy as np
import srsly

VERSION = "0.0.25"
SDIST = f"pkuseg-{VERSION}.tar.gz"
SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"  # PyPI's file, 48751866 bytes
MEMBER = f"pkuseg-{VERSION}/pkuseg/models/default/"
KEYS = ("unigram", "bigram", "feature_to_idx", "tag_to_idx")


def fetch(dest: Path) -> Path:
    """Download the sdist from PyPI with pip. pip builds an sdist's metadata even for
    `download`, and pkuseg's setup.py imports numpy and needs setuptools' bdist_wheel,
    so pip runs in a scratch venv that has them rather than touching the project's."""
    scratch = dest / "venv"
    venv.create(scratch, with_pip=True)
    pip = [str(scratch / "bin" / "python"), "-m", "pip", "-q"]
    subprocess.run([*pip, "install", "setuptools>=70.1", "wheel", "numpy"], check=True)
    subprocess.run([*pip, "download", f"pkuseg=={VERSION}", "--no-deps", "--no-binary", ":all:",
                    "--no-build-isolation", "-d", str(dest)], check=True)
    return dest / SDIST


class _Plain(pickle.Unpickler):
    """features.pkl holds only dicts, lists and strings: refusing every global means a
    tampered file cannot run code while it is read."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"features.pkl names {module}.{name}; expected plain data")


def convert(sdist: Path, out: Path) -> dict:
    """Write OUT's features.msgpack and weights.npz from the sdist; returns their sizes."""
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{sdist}: sha256 {digest}, expected {SHA256} (pkuseg {VERSION} from PyPI)")
    with tarfile.open(sdist) as tar:
        features = _Plain(tar.extractfile(MEMBER + "features.pkl")).load()
        weights = tar.extractfile(MEMBER + "weights.npz").read()
    npz = np.load(io.BytesIO(weights), allow_pickle=False)
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    # the CRF's weights: one per (feature, tag), then the tag-to-tag transitions
    if (len(features["tag_to_idx"]), len(features["feature_to_idx"])) != (n_tag, n_feature) \
            or npz["w"].shape != (n_feature * n_tag + n_tag * n_tag,):
        raise SystemExit("features.pkl and weights.npz disagree on the model's size")
    out.mkdir(parents=True, exist_ok=True)
    # spacy-pkuseg reads features.msgpack (it would fall back to unpickling features.pkl
    # on every load, with a warning); the keys and sorted word lists are what its save() writes
    srsly.write_msgpack(out / "features.msgpack", {
        "unigram": sorted(features["unigram"]), "bigram": sorted(features["bigram"]),
        "feature_to_idx": features["feature_to_idx"], "tag_to_idx": features["tag_to_idx"]})
    (out / "weights.npz").write_bytes(weights)
    return {"features": n_feature, "tags": n_tag, "unigrams": len(features["unigram"]),
            "bigrams": len(features["bigram"])}


def check(out: Path) -> list[str]:
    """Load the folder the way spaCy does and cut one sentence."""
    import spacy_pkuseg
    return spacy_pkuseg.pkuseg(str(out)).cut("县委书记张三主持召开城南新区建设项目推进会")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="the model folder to write")
    ap.add_argument("--sdist", type=Path, help=f"{SDIST} already downloaded (else pip fetches it)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sdist = args.sdist or fetch(Path(tmp))
        sizes = convert(sdist, args.out)
    print(f"{args.out}: {sizes}")
    try:
        print(" / ".join(check(args.out)))
    except ImportError:
        print("spacy-pkuseg is not installed (pip install spacy-pkuseg): the folder is untested", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
