window.ANNALIST_SEARCH={"v":2,"pages":4,"shards":["0"]};
