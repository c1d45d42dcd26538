const mongoose = require("mongoose");

const uri = "mongodb+srv://admin:1Eel2GimbhO40Qmy4g7v@cluster0.ab1cd.mongodb.net/shop?retryWrites=true";

mongoose.connect(uri).then(() => console.log("connected to MongoDB"));
