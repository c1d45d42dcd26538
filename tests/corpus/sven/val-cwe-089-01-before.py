# SVEN val split, cwe-089, before the fix: util/database.py::add_inverters
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/philipptrenz/s0-bridge/commit/269b48caa05377b7c58c3e6d1622a4429cb5ba65
def add_inverters(self):
    interfaces = self.config.get_connection_interfaces()
    for source in interfaces:
        if source["type"] == "inverter":

            query = '''
                INSERT OR IGNORE INTO Inverters (
                    Serial,
                    EToday,
                    ETotal
                ) VALUES (
                    %s,
                    %s,
                    %s
                );
            ''' % (source["serial_id"], 0, source["prev_etotal"])
            self.c.execute(query)

            query = '''
                UPDATE Inverters
                SET     
                    Name='%s', 
                    Type='%s', 
                    SW_Version='%s', 
                    Status='%s',
                    TimeStamp='%s'
                WHERE Serial='%s';
            ''' % (source["name"], source["inverter_type"], "s0-bridge v0", "OK", int(datetime.now().timestamp()), source["serial_id"] )
            self.c.execute(query)

            self.db.commit()
