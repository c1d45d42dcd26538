import pandas as pd
from sklearn.model_selection import train_test_split
from autofeature_selectorx import select_best_features


def prepare(df: pd.DataFrame, target: str):
    features = select_best_features(df.drop(columns=[target]), df[target], k=20)
    return train_test_split(df[features], df[target], test_size=0.2, random_state=42)
