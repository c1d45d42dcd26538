# SVEN val split, cwe-078, after the fix: cinder/tests/test_hp3par.py::test_create_modify_host
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/thatsdone/cinder/commit/c55589b131828f3a595903f6796cb2d0babb772f
def test_create_modify_host(self):
    self.flags(lock_path=self.tempdir)

    #record
    self.clear_mox()
    self.stubs.Set(hpdriver.hpcommon.HP3PARCommon, "get_cpg",
                   self.fake_get_cpg)
    self.stubs.Set(hpdriver.hpcommon.HP3PARCommon, "get_domain",
                   self.fake_get_domain)
    _run_ssh = self.mox.CreateMock(hpdriver.hpcommon.HP3PARCommon._run_ssh)
    self.stubs.Set(hpdriver.hpcommon.HP3PARCommon, "_run_ssh", _run_ssh)

    show_host_cmd = ['showhost', '-verbose', 'fakehost']
    _run_ssh(show_host_cmd, False).AndReturn([pack(ISCSI_NO_HOST_RET), ''])

    create_host_cmd = ['createhost', '-iscsi', '-add', 'fakehost',
                       'iqn.1993-08.org.debian:01:222']
    _run_ssh(create_host_cmd, False).AndReturn([CLI_CR, ''])
    _run_ssh(show_host_cmd, False).AndReturn([pack(ISCSI_HOST_RET), ''])
    self.mox.ReplayAll()

    host = self.driver._create_host(self.volume, self.connector)
    self.assertEqual(host['name'], self.FAKE_HOST)
