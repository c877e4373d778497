annalistSearchLoaded("p",10,{"u":"chapters/reference-cli.html","t":"A.1 Command line","s":[["options","A.1.1 Options","Every option, see Appendix A."]]});
