annalistSearchLoaded("p",3,{"u":"chapters/a-notes.html","t":"附录A 方法说明","s":[["","方法说明","本附录说明数据口径，见图2-1。"]]});
