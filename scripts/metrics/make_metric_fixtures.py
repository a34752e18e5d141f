"""Writes scikit-learn's reference metrics on fixed data (test/fixtures/metrics/reference.json).

Run once with Debian's scikit-learn (python3-sklearn, 1.2): /usr/bin/python3 scripts/metrics/make_metric_fixtures.py
The data is generated here from a seeded generator and stored with the references, so the tests need no Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'metrics', 'reference.json')
rng = np.random.default_rng(20240611)


def fl(a):
    return [float(v) for v in np.asarray(a).ravel()]


def binary_case():
    n = 240
    y = rng.integers(0, 2, n)
    # rounded scores make ties, which exercise the threshold conventions
    s = np.round(np.clip(0.35 * y + rng.normal(0.35, 0.22, n), 0, 1), 2)
    pred = (s >= 0.5).astype(int)
    fpr, tpr, thr = metrics.roc_curve(y, s)
    p, r, pthr = metrics.precision_recall_curve(y, s)
    prec, rec, f1, sup = metrics.precision_recall_fscore_support(y, pred, zero_division=0)
    return {
        'y': fl(y), 'score': fl(s), 'pred': fl(pred),
        'accuracy': metrics.accuracy_score(y, pred),
        'confusion': metrics.confusion_matrix(y, pred).tolist(),
        'precision': fl(prec), 'recall': fl(rec), 'f1': fl(f1), 'support': fl(sup),
        'auc': metrics.roc_auc_score(y, s),
        'logLoss': metrics.log_loss(y, s),
        'roc': {'fpr': fl(fpr), 'tpr': fl(tpr), 'thresholds': fl(thr)},
        'pr': {'precision': fl(p), 'recall': fl(r), 'thresholds': fl(pthr)},
    }


def multiclass_case():
    n, k = 180, 3
    y = rng.integers(0, k, n)
    logits = rng.normal(0, 1, (n, k))
    logits[np.arange(n), y] += 1.2
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pred = proba.argmax(axis=1)
    # a class never predicted on purpose makes precision's zero division show up
    pred[pred == 2] = np.where(rng.random((pred == 2).sum()) < 0.5, 0, 1)
    out = {'k': k, 'y': fl(y), 'proba': [fl(proba[:, c]) for c in range(k)], 'pred': fl(pred),
           'accuracy': metrics.accuracy_score(y, pred),
           'confusion': metrics.confusion_matrix(y, pred, labels=list(range(k))).tolist(),
           'aucOvrMacro': metrics.roc_auc_score(y, proba, multi_class='ovr', average='macro'),
           'logLoss': metrics.log_loss(y, proba)}
    prec, rec, f1, sup = metrics.precision_recall_fscore_support(y, pred, labels=list(range(k)), zero_division=0)
    out.update({'precision': fl(prec), 'recall': fl(rec), 'f1': fl(f1), 'support': fl(sup)})
    for avg in ['macro', 'weighted']:
        p, r, f, _ = metrics.precision_recall_fscore_support(y, pred, labels=list(range(k)), average=avg, zero_division=0)
        out[avg] = {'precision': p, 'recall': r, 'f1': f}
    return out


def regression_case():
    n = 150
    y = rng.normal(10, 4, n)
    pred = y + rng.normal(0.3, 1.5, n)
    return {'y': fl(y), 'pred': fl(pred),
            'mae': metrics.mean_absolute_error(y, pred),
            'rmse': float(np.sqrt(metrics.mean_squared_error(y, pred))),
            'r2': metrics.r2_score(y, pred)}


def clustering_case():
    centers = np.array([[0, 0, 0], [4, 1, -2], [-3, 5, 2]], dtype=float)
    labels = rng.integers(0, 3, 90)
    X = centers[labels] + rng.normal(0, 1.3, (90, 3))
    means = np.array([X[labels == c].mean(axis=0) for c in range(3)])
    inertia = float(((X - means[labels]) ** 2).sum())
    return {'columns': [fl(X[:, j]) for j in range(3)], 'labels': fl(labels),
            'inertia': inertia, 'silhouette': metrics.silhouette_score(X, labels)}


ref = {'sklearn': sklearn.__version__, 'binary': binary_case(), 'multiclass': multiclass_case(),
       'regression': regression_case(), 'clustering': clustering_case()}
with open(OUT, 'w') as f:
    json.dump(ref, f, indent=1)
    f.write('\n')
