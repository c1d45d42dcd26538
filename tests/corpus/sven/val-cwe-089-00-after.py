# SVEN val split, cwe-089, after the fix: modules/comment.py::likeComments
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/ShaominLi/Twitter_project/commit/5329d91f9e569c95184053c8e7ef596949c33ce9
def likeComments(self,commentid,userid):
    sqlText="insert into comment_like values(%s,%s);"
    params=[userid,commentid]
    result=sql.insertDB(self.conn,sqlText,params)
    return result;
