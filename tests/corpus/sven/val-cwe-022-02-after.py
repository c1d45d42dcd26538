# SVEN val split, cwe-022, after the fix: custodia/store/etcdstore.py::span
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/latchset/custodia/commit/785fc87f38b4811bc4ce43a0a9b2267ee7d500b4
def span(self, key):
    path = self._absolute_key(key)
    try:
        self.etcd.write(path, None, dir=True, prevExist=False)
    except etcd.EtcdAlreadyExist as err:
        raise CSStoreExists(str(err))
    except etcd.EtcdException as err:
        log_error("Error storing key %s: [%r]" % (key, repr(err)))
        raise CSStoreError('Error occurred while trying to store key')
