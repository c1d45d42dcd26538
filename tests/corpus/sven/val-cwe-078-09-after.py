# SVEN val split, cwe-078, after the fix: cinder/volume/drivers/san/hp/hp_3par_common.py::_set_connections
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/thatsdone/cinder/commit/c55589b131828f3a595903f6796cb2d0babb772f
def _set_connections(self):
    """Set the number of concurrent connections.

    The 3PAR WS API server has a limit of concurrent connections.
    This is setting the number to the highest allowed, 15 connections.
    """
    self._cli_run(['setwsapi', '-sru', 'high'])
