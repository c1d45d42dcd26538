# SVEN val split, cwe-079, after the fix: src/appengine/handlers/base_handler.py::redirect
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/google/clusterfuzz/commit/3d66c1146550eecd4e34d47332a8616b435a21fe
def redirect(self, url, **kwargs):
  """Explicitly converts url to 'str', because webapp2.RequestHandler.redirect
  strongly requires 'str' but url might be an unicode string."""
  url = str(url)
  check_redirect_url(url)
  super(Handler, self).redirect(url, **kwargs)
