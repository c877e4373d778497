window.ANNALIST_SEARCH={"v":2,"pages":2,"shards":["1"]};
