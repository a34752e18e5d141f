# scikit-learn's side of test/bench/model-selection.ts: argv = part, files…, rows, cols, all_cores.
import json, sys, time
import numpy as np
from scipy.stats import loguniform, randint
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

part = sys.argv[1]
all_cores = sys.argv[-1] == '1'
n, p = int(sys.argv[-3]), int(sys.argv[-2])

def load(path):
    raw = np.fromfile(path, dtype=np.float64)
    return np.ascontiguousarray(raw[: n * p].reshape(p, n).T), raw[n * p :].astype(np.int64)

def timed(work):
    out = {}
    with threadpool_limits(1):
        t = time.perf_counter()
        result = work()
        out['one'] = time.perf_counter() - t
    if all_cores:
        t = time.perf_counter()
        work()
        out['all'] = time.perf_counter() - t
    return out, result

if part == 'cv':
    X, y = load(sys.argv[2])
    work = lambda: cross_validate(
        make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=100)),
        X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
        scoring=['accuracy', 'roc_auc', 'neg_log_loss', 'f1_macro'])
    out, result = timed(work)
    out['accuracy'] = float(result['test_accuracy'].mean())
elif part == 'tune':
    X, y = load(sys.argv[2])
    space = {'learning_rate': loguniform(0.01, 0.3), 'max_leaf_nodes': randint(8, 65), 'min_samples_leaf': randint(5, 51)}
    work = lambda: RandomizedSearchCV(
        HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0),
        space, n_iter=20, cv=3, random_state=0).fit(X, y)
    out, result = timed(work)
    out['best'] = float(result.best_score_)
else:
    X, y = load(sys.argv[2])
    Xt, yt = load(sys.argv[3])
    if part == 'pi-lr':
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=100)).fit(X, y)
    else:
        model = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0).fit(X, y)
    out, _ = timed(lambda: permutation_importance(model, Xt, yt, n_repeats=10, random_state=0))
print(json.dumps(out))
