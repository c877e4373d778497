window.ANNALIST_SEARCH={"v":2,"pages":11,"shards":["1"]};
