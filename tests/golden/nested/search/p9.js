annalistSearchLoaded("p",9,{"u":"chapters/reference.html","t":"Appendix A Reference","s":[["files","A.1 Files","The project files."]]});
