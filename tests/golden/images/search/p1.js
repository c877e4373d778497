annalistSearchLoaded("p",1,{"u":"chapters/02-more.html","t":"第2章 复用图片","s":[["","复用图片","同一张图片在另一章再次出现时只复制一次： 第1章的图见图1-1。"]]});
