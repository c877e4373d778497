annalistSearchLoaded("p",6,{"u":"chapters/usage.html","t":"Chapter 3 Usage","s":[["first-run","3.1 First run","See Table 2.1.1 for what the download costs and Chapter 2 for the setup."]]});
