annalistSearchLoaded("p",7,{"u":"chapters/advanced.html","t":"Part II: Advanced Advanced topics","s":[["","Advanced topics","This part is for readers who already use the tool every day."]]});
