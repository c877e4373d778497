annalistSearchLoaded("p",8,{"u":"chapters/tuning.html","t":"Chapter 4 Tuning","s":[["threads","4.1 Threads","More threads help on big books."]]});
