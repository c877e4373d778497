annalistSearchLoaded("p",0,{"u":"chapters/preface.html","t":"前言","s":[["","前言","本报告覆盖两章内容，并附一个附录。详见第1章。"]]});
