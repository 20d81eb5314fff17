#!/usr/bin/env bash
# Retrains the shipped entity models from ../shared/datasets/ner (or $NER_DATA) with the
# settings they were built with. The same data and settings give the same bytes.
#   bash Scripts/train-entities.sh            # both languages
#   bash Scripts/train-entities.sh it         # one
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NER_DATA:-../shared/datasets/ner}"
resources=Sources/NewsAnnotators/Entities/Resources
swift build -c release --product news-annotate >/dev/null
bin=.build/release/news-annotate
languages=("${@:-it en}")
for language in ${languages[@]}; do
    case "$language" in
    it)
        "$bin" train-entities --language it --epochs 12 --seed 1 --seeds 4 --min-weight 0.5 --min-count 2 \
            --train "$data/kind-wikinews.train.it.tsv" \
            --licence "CC BY-NC 4.0 (trained on KIND Wikinews annotations, CC BY-NC 4.0, Paccosi & Palmero Aprosio, LREC 2022; texts CC BY 2.5 Wikinews). Non-commercial use only." \
            --out "$resources/entities-it.model" | tee Docs/Models/entities-it.training.txt
        ;;
    en)
        "$bin" train-entities --language en --epochs 15 --seed 1 --seeds 4 --min-weight 0.5 --min-count 1 \
            --train "$data/gum-wikinews.en.tsv" --train "$data/wikigold.en.tsv" \
            --licence "CC BY 4.0 (trained on GUM Wikinews annotations, CC BY 4.0, Zeldes 2017, and wikigold, CC BY 4.0, Balasuriya et al. 2009; texts CC BY 2.5 Wikinews / CC BY-SA Wikipedia)." \
            --out "$resources/entities-en.model" | tee Docs/Models/entities-en.training.txt
        ;;
    *) echo "unknown language '$language' (it, en)" >&2; exit 64 ;;
    esac
done
