window.ANNALIST_SEARCH = {"pages": [{"u": "chapters/one.html", "t": "第1章 总体情况"}, {"u": "chapters/two.html", "t": "附录A 资料"}],
  "sections": [[0, "s-trade", "跨境电商", "2022年跨境电商进出口规模继续增长。"], [1, "s-notes", "资料说明", "跨境电商数据来自海关总署。"]]};
