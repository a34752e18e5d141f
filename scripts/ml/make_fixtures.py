"""Writes the learners' training-quality fixtures: three small data sets with a fixed train/test split
(test/fixtures/ml/*.csv) and scikit-learn's reference results on them (test/fixtures/ml/reference.json).

Run with Debian's scikit-learn (python3-sklearn, 1.2): /usr/bin/python3 scripts/ml/make_fixtures.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, log_loss, r2_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB, MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.svm import LinearSVC
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'ml')
SEEDS = [0, 1, 2, 3, 4]


def write_csv(name, names, X, y, split):
    with open(os.path.join(OUT, name + '.csv'), 'w') as f:
        f.write(','.join(names + ['target', 'split']) + '\n')
        for row, t, s in zip(X, y, split):
            f.write(','.join(repr(float(v)) for v in row) + ',' + repr(t.item()) + ',' + s + '\n')


def split_of(n, test_index):
    s = np.array(['train'] * n, dtype=object)
    s[test_index] = 'test'
    return s


def spread(values):
    return {'mean': float(np.mean(values)), 'min': float(np.min(values)), 'max': float(np.max(values))}


def classification(X, y, stratify_seed):
    idx = np.arange(len(y))
    tr, te = train_test_split(idx, test_size=0.3, random_state=stratify_seed, stratify=y)
    Xtr, Xte, ytr, yte = X[tr], X[te], y[tr], y[te]
    scaler = StandardScaler().fit(Xtr)
    lr = LogisticRegression(C=1.0, solver='lbfgs', max_iter=1000, tol=1e-8).fit(scaler.transform(Xtr), ytr)
    p = lr.predict_proba(scaler.transform(Xte))
    ref = {
        'logistic': {'C': 1.0, 'accuracy': accuracy_score(yte, p.argmax(1)), 'logLoss': log_loss(yte, p),
                     'coef': lr.coef_.tolist(), 'intercept': lr.intercept_.tolist()},
    }
    tree = DecisionTreeClassifier(max_depth=4, random_state=0).fit(Xtr, ytr)
    ref['tree'] = {'maxDepth': 4, 'accuracy': accuracy_score(yte, tree.predict(Xte)),
                   'trainAccuracy': accuracy_score(ytr, tree.predict(Xtr))}
    forest = [accuracy_score(yte, RandomForestClassifier(n_estimators=100, random_state=s).fit(Xtr, ytr).predict(Xte)) for s in SEEDS]
    ref['forest'] = {'trees': 100, 'accuracy': spread(forest)}
    hgb = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0).fit(Xtr, ytr)
    ph = hgb.predict_proba(Xte)
    ref['boosting'] = {'rounds': 100, 'accuracy': accuracy_score(yte, ph.argmax(1)), 'logLoss': log_loss(yte, ph)}
    more_learners(ref, Xtr, Xte, ytr, yte, scaler, np.argsort(te))
    return split_of(len(y), te), ref


def more_learners(ref, Xtr, Xte, ytr, yte, scaler, csv_order):
    """Naive Bayes on raw features (both variants; the measurements are never negative)."""
    gnb = GaussianNB().fit(Xtr, ytr)
    pg = gnb.predict_proba(Xte)
    ref['gaussianNB'] = {'varSmoothing': 1e-9, 'accuracy': accuracy_score(yte, gnb.predict(Xte)), 'logLoss': log_loss(yte, pg),
                         'mean': gnb.theta_.tolist(), 'variance': gnb.var_.tolist(), 'proba': pg[csv_order][:5].tolist()}
    mnb = MultinomialNB(alpha=1.0).fit(Xtr, ytr)
    pm = mnb.predict_proba(Xte)
    ref['multinomialNB'] = {'alpha': 1.0, 'accuracy': accuracy_score(yte, mnb.predict(Xte)), 'logLoss': log_loss(yte, pm),
                            'featureLogProb': mnb.feature_log_prob_.tolist(), 'proba': pm[csv_order][:5].tolist()}
    Str, Ste = scaler.transform(Xtr), scaler.transform(Xte)
    knn = KNeighborsClassifier(n_neighbors=5).fit(Str, ytr)
    pk = knn.predict_proba(Ste)
    ref['knn'] = {'k': 5, 'standardized': 'train rows', 'accuracy': accuracy_score(yte, knn.predict(Ste)),
                  'predictions': knn.predict(Ste)[csv_order].tolist(), 'proba': pk[csv_order][:5].tolist()}
    svm = LinearSVC(C=1.0, tol=1e-8, max_iter=100000, random_state=0).fit(Str, ytr)
    ref['linearSVM'] = {'C': 1.0, 'standardized': 'train rows', 'accuracy': accuracy_score(yte, svm.predict(Ste)),
                        'coef': svm.coef_.tolist(), 'intercept': svm.intercept_.tolist(),
                        'decision': svm.decision_function(Ste)[csv_order][:5].tolist()}
    mlps = [MLPClassifier(random_state=s, max_iter=200).fit(Str, ytr) for s in SEEDS]
    ref['mlp'] = {'hidden': [100], 'standardized': 'train rows', 'accuracy': spread([m.score(Ste, yte) for m in mlps]),
                  'logLoss': spread([log_loss(yte, m.predict_proba(Ste)) for m in mlps])}


def regression(X, y):
    idx = np.arange(len(y))
    tr, te = train_test_split(idx, test_size=0.3, random_state=0)
    Xtr, Xte, ytr, yte = X[tr], X[te], y[tr], y[te]
    ols = LinearRegression().fit(Xtr, ytr)
    ridge = Ridge(alpha=1.0).fit(Xtr, ytr)
    ref = {
        'linear': {'r2': r2_score(yte, ols.predict(Xte)), 'coef': ols.coef_.tolist(), 'intercept': float(ols.intercept_)},
        'ridge': {'alpha': 1.0, 'r2': r2_score(yte, ridge.predict(Xte)), 'coef': ridge.coef_.tolist(), 'intercept': float(ridge.intercept_)},
    }
    tree = DecisionTreeRegressor(max_depth=4, min_samples_leaf=5, random_state=0).fit(Xtr, ytr)
    ref['tree'] = {'maxDepth': 4, 'minSamplesLeaf': 5, 'r2': r2_score(yte, tree.predict(Xte)), 'trainR2': r2_score(ytr, tree.predict(Xtr))}
    forest = [r2_score(yte, RandomForestRegressor(n_estimators=100, random_state=s).fit(Xtr, ytr).predict(Xte)) for s in SEEDS]
    ref['forest'] = {'trees': 100, 'r2': spread(forest)}
    hgb = HistGradientBoostingRegressor(max_iter=100, early_stopping=False, random_state=0).fit(Xtr, ytr)
    ref['boosting'] = {'rounds': 100, 'r2': r2_score(yte, hgb.predict(Xte))}
    return split_of(len(y), te), ref


def main():
    os.makedirs(OUT, exist_ok=True)
    reference = {'sklearn': sklearn.__version__, 'testSize': 0.3}
    for name, loader in [('breast_cancer', load_breast_cancer), ('wine', load_wine)]:
        data = loader()
        names = [n.replace(' ', '_').replace('/', '_') for n in data.feature_names]
        split, reference[name] = classification(data.data, data.target, 0)
        write_csv(name, names, data.data, data.target, split)
    data = load_diabetes(scaled=False)
    split, reference['diabetes'] = regression(data.data, data.target)
    write_csv('diabetes', list(data.feature_names), data.data, data.target, split)
    wine = StandardScaler().fit_transform(load_wine().data)
    inertia = [KMeans(n_clusters=3, n_init=10, random_state=s).fit(wine).inertia_ for s in SEEDS]
    reference['wine']['kmeans'] = {'k': 3, 'nInit': 10, 'standardized': 'all rows', 'inertia': spread(inertia)}
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(reference, f, indent=2, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
