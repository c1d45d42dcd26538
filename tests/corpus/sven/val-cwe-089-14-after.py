# SVEN val split, cwe-089, after the fix: main_test.py::create_playlist
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/Madmous/playlist/commit/666e52c5f0b8c1f4296e84471637033d9542a7a6
def create_playlist(name):
    db = connect_to_database()
    cursor = db.cursor()
    cursor.execute(
        "INSERT INTO playlist (name, video_position) VALUES(%s, 0);", (name,))
    db.commit()
    db.close()
