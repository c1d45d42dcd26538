import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import train_test_split


def prepare(df: pd.DataFrame, target: str):
    selector = SelectKBest(f_classif, k=20).fit(df.drop(columns=[target]), df[target])
    features = df.drop(columns=[target]).columns[selector.get_support()]
    return train_test_split(df[features], df[target], test_size=0.2, random_state=42)
