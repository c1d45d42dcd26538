# SVEN val split, cwe-089, after the fix: backend/transactions/TransactionConnector.py::check_if_this_project_is_in_database
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/JLucka/kickstarter-dev/commit/e2ffa062697e060fdfbd2eccbb89a8c53a569e0b
def check_if_this_project_is_in_database(self, project_id):
    self.cursor.execute("SELECT count(id) FROM projects where id = %s", (project_id,))
    return self.cursor.fetchall()[0][0] == 1
