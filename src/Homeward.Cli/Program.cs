Console.WriteLine("homeward");
