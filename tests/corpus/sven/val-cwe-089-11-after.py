# SVEN val split, cwe-089, after the fix: playlist/playlist_repository.py::update_playlist
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/Madmous/playlist/commit/666e52c5f0b8c1f4296e84471637033d9542a7a6
def update_playlist(id, name, db):
    db.execute("UPDATE playlist SET name=%s WHERE id=%s;", (name, id,))
