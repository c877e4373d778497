annalistSearchLoaded("p",0,{"u":"chapters/preface.html","t":"Preface","s":[["","Preface","This guide is split into parts; setup has one page per system (see Section 2.1)."]]});
