# SVEN val split, cwe-089, after the fix: video/video_repository.py::retrieve_videos_from_playlist
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/Madmous/playlist/commit/666e52c5f0b8c1f4296e84471637033d9542a7a6
def retrieve_videos_from_playlist(playlist_id, db):
    db.execute("SELECT id, title, thumbnail, position from video WHERE playlist_id=%s ORDER BY position ASC;", (playlist_id,))
    rows = db.fetchall()
    return rows
