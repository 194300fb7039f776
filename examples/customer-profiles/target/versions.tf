terraform {
  required_version = ">= 1.5.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 7.0" # aws_customerprofiles_domain: in every release since early 2024
    }
  }
}
