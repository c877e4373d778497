annalistSearchLoaded("p",1,{"u":"chapters/a-method.html","t":"Appendix A Method","s":[["","Method","Figures in Section 1.1 come from the fixture’s data file. Made-up numbers for tests."]]});
