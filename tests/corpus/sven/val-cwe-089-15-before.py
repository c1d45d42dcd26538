# SVEN val split, cwe-089, before the fix: video/video_repository.py::update_video_positions
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/Madmous/playlist/commit/666e52c5f0b8c1f4296e84471637033d9542a7a6
def update_video_positions(removed_position, db):
    db.execute("UPDATE video SET position = position - 1 WHERE position > {removed_position}".format(
        removed_position=removed_position))
