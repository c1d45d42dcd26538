const mongoose = require("mongoose");

const uri = process.env.MONGODB_URI || "mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/shop";

mongoose.connect(uri).then(() => console.log("connected to MongoDB"));
